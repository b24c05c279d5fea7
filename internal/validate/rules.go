package validate

import "lpg/internal/layout"

// Rule is a cross-file rule: one that judges a file by what another file
// holds (DESIGN.md "CSV conventions", the tables of 排查表 and 汇总表,
// "Other files"). Name is the family of the diagnostic codes it emits
// (every code of Codes starts with Name + "."); Reads lists the files it
// reads besides the one it reports on (layout paths, "*" for any month
// folder or submitter).
//
// Rules run inside Run, which reads the whole repository once; lpg check
// calls Run on the tree a merge would produce, so both commands run
// exactly this list. internal/check's TestCheckAgreesWithValidate fires
// every rule with a fixture of its own and fails when check and validate
// disagree on it, or when a rule has no fixture.
type Rule struct {
	Name  string
	Codes []string
	Reads []string
	// Where names the step of Run that applies the rule.
	Where string
}

// Rules is the list of cross-file rules, sorted by name.
var Rules = []Rule{
	{Name: "due_date", Codes: []string{"due_date.far", "due_date.late"},
		Reads: []string{layout.HazardTypesFile}, Where: "readHazards"},
	{Name: "file", Codes: []string{"file.enterprise", "file.inactive", "file.town"},
		Reads: []string{layout.EnterprisesFile, layout.TownsFile}, Where: "readHazards, readRectifications, readInspections"},
	{Name: "hazard_id", Codes: []string{"hazard_id.duplicate", "hazard_id.month", "hazard_id.town", "hazard_id.unchecked", "hazard_id.unknown"},
		Reads: []string{layout.HazardsDir + "/*/*.csv"}, Where: "checkUniqueIDs, readRectifications"},
	{Name: "hazard_type", Codes: []string{"hazard_type.short", "hazard_type.unknown"},
		Reads: []string{layout.HazardTypesFile}, Where: "readHazards"},
	{Name: "hazard_types", Codes: []string{"hazard_types.unknown"},
		Reads: []string{layout.HazardTypesFile}, Where: "readDepartments"},
	{Name: "inspection", Codes: []string{"inspection.fewer", "inspection.zero"},
		Reads: []string{layout.HazardsDir + "/*/*.csv", layout.InspectionsDir + "/*/*.csv"}, Where: "checkCoverage"},
	{Name: "path", Codes: []string{"path.missing"},
		Reads: []string{layout.HazardsDir + "/*/*.csv", layout.RectificationsDir + "/*/*.csv", layout.InspectionsDir + "/*/*.csv"}, Where: "readReceipts"},
	{Name: "rectified_date", Codes: []string{"rectified_date.before"},
		Reads: []string{layout.HazardsDir + "/*/*.csv"}, Where: "readRectifications"},
	{Name: "submitter", Codes: []string{"submitter.unknown"},
		Reads: []string{layout.EnterprisesFile, layout.TownsFile}, Where: "readReference"},
	{Name: "town", Codes: []string{"town.ambiguous", "town.short", "town.unknown"},
		Reads: []string{layout.TownsFile}, Where: "readHazards, readLiaisons, readInspections"},
	{Name: "town_code", Codes: []string{"town_code.unknown"},
		Reads: []string{layout.TownsFile}, Where: "readReference"},
	{Name: "village", Codes: []string{"village.ambiguous", "village.mismatch", "village.short", "village.town", "village.unknown"},
		Reads: []string{layout.VillagesFile, layout.HazardsDir + "/*/*.csv"}, Where: "readHazards, readRectifications, readLiaisons, readInspections"},
}
