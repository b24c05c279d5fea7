package render

import (
	"fmt"

	"lpg/internal/form"
	"lpg/internal/privacy"
)

// Masking of personal data in the public build (DESIGN.md "Site": default
// audience is public). What is masked is read from the schemas alone: each
// personal column declares its treatment with "x-personal" (package
// privacy), and render asks the form of the column. Free text that has no
// schema column (meeting notes, publish messages, git author names) goes
// through the same scanner as the schemas' "scan" columns.

// masker applies the masking of one build: identity for an internal build.
type masker struct{ internal bool }

// treatment returns the x-personal treatment of field of form kind. An
// unknown field is a programming error.
func treatment(kind, field string) privacy.Treatment {
	p := form.Get(kind).Prop(field)
	if p == nil {
		panic(fmt.Sprintf("render: form %s has no field %q", kind, field))
	}
	return p.Personal
}

// cell returns value v of column field of form kind as the build publishes
// it.
func (m masker) cell(kind, field, v string) string {
	if m.internal {
		return v
	}
	return treatment(kind, field).Apply(v)
}

// shown reports whether the build publishes column field of form kind at
// all (not for x-personal "drop" in the public build).
func (m masker) shown(kind, field string) bool {
	return m.internal || treatment(kind, field).Published()
}

// text returns free text that comes from no schema column: scanned for
// phones and house numbers in the public build.
func (m masker) text(s string) string {
	if m.internal {
		return s
	}
	return privacy.Scrub(s)
}

// hazard, rect and liaison are cell for the three forms render shows.
func (m masker) hazard(field, v string) string  { return m.cell(form.Hazards, field, v) }
func (m masker) rect(field, v string) string    { return m.cell(form.Rectifications, field, v) }
func (m masker) liaison(field, v string) string { return m.cell(form.Liaisons, field, v) }
