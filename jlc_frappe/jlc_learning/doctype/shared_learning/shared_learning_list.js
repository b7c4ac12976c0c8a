// Copyright (c) 2026, JLC developers. License: MIT.
frappe.listview_settings["Shared Learning"] = {
	add_fields: ["source_organisation", "theme", "shared_on"],
	get_indicator(doc) {
		if (!doc.theme) return [__("No theme"), "gray"];
		return [doc.theme, "blue", "theme,=," + doc.theme];
	},
};
