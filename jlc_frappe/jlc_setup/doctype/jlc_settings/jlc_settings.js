// Copyright (c) 2026, JLC developers. License: MIT.
frappe.ui.form.on("JLC Settings", {
	refresh(frm) {
		frm.set_intro(
			__("Presets, closure days and age bands are site data: change them here, not in code."),
			"blue"
		);
	},
});
