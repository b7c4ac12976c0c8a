// Copyright (c) 2026, JLC developers. License: MIT.
// The status column is the incident's status, coloured by the physical harm (red severe or fatal, orange
// moderate, green low or none).
const HARM_COLOURS = { Fatal: "red", Severe: "red", Moderate: "orange", Low: "green", None: "green" };

frappe.listview_settings["Patient Safety Incident"] = {
	add_fields: ["status", "physical_harm"],
	get_indicator(doc) {
		const harm = {
			None: __("no harm"),
			Low: __("low harm"),
			Moderate: __("moderate harm"),
			Severe: __("severe harm"),
			Fatal: __("fatal"),
		}[doc.physical_harm];
		return [
			harm ? `${__(doc.status)}: ${harm}` : __(doc.status),
			HARM_COLOURS[doc.physical_harm] || "gray",
			`physical_harm,=,${doc.physical_harm || ""}`,
		];
	},
};
