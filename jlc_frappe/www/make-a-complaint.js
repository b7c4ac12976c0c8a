// The public complaint form works without this script; with it, the questions that do not apply stay hidden,
// labels speak to the patient when they are the one complaining, chosen files are checked before they are sent
// (the server checks them again), and a second press of the button sends nothing twice.
(function () {
	var form = document.querySelector(".jlc-form");
	if (!form) {
		return;
	}
	var summary = document.getElementById("error-summary");
	if (summary) {
		summary.focus();
	}

	function chosen(name) {
		var checked = form.querySelector('input[name="' + name + '"]:checked');
		return checked ? checked.value : "";
	}

	function update() {
		form.querySelectorAll("[data-show-when]").forEach(function (part) {
			var rule = part.getAttribute("data-show-when").split("=");
			part.hidden = rule[1].split(",").indexOf(chosen(rule[0])) === -1;
		});
		var me = chosen("complaining_for") === "me";
		form.querySelectorAll("[data-label-me]").forEach(function (label) {
			if (!label.hasAttribute("data-label-other")) {
				label.setAttribute("data-label-other", label.textContent);
			}
			label.textContent = label.getAttribute(me ? "data-label-me" : "data-label-other");
		});
	}
	form.addEventListener("change", update);
	update();

	var files = form.querySelector("#attachments");
	var check = form.querySelector("#attachments-check");
	var maxFiles = parseInt(form.getAttribute("data-max-files"), 10);
	var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10);
	var endings = form.getAttribute("data-endings").split(",");

	function say(template, values) {
		return template.replace(/\{(\d)\}/g, function (_, i) {
			return values[parseInt(i, 10)];
		});
	}

	function fileProblems() {
		var problems = [];
		var list = Array.prototype.slice.call(files.files || []);
		if (list.length > maxFiles) {
			problems.push(say(check.getAttribute("data-too-many"), [maxFiles, list.length]));
		}
		list.forEach(function (file) {
			var name = file.name.toLowerCase();
			var known = endings.some(function (ending) {
				return name.slice(-ending.length) === ending;
			});
			if (!known) {
				problems.push(say(check.getAttribute("data-wrong-type"), [file.name]));
			} else if (file.size > maxBytes) {
				problems.push(say(check.getAttribute("data-too-big"), [file.name]));
			} else if (file.size === 0) {
				problems.push(say(check.getAttribute("data-empty"), [file.name]));
			}
		});
		return problems;
	}

	function showFileProblems() {
		var problems = fileProblems();
		check.textContent = problems.join(" ");
		check.hidden = !problems.length;
		files.setAttribute("aria-invalid", problems.length ? "true" : "false");
		return problems.length;
	}
	files.addEventListener("change", showFileProblems);

	form.addEventListener("submit", function (event) {
		if (showFileProblems()) {
			event.preventDefault();
			files.focus();
			return;
		}
		if (form.getAttribute("data-sending")) {
			event.preventDefault();
			return;
		}
		form.setAttribute("data-sending", "1");
		var button = form.querySelector('button[type="submit"]');
		button.textContent = button.getAttribute("data-sending");
		button.setAttribute("aria-disabled", "true");
	});
})();
