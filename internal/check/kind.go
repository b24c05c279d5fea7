package check

import (
	"path"
	"strings"

	"lpg/internal/form"
	"lpg/internal/layout"
)

// kindOf returns the form kind of a data file by its path ("" when none).
func kindOf(p string) string {
	switch {
	case !strings.HasSuffix(strings.ToLower(p), ".csv"):
		return ""
	case layout.Under(p, layout.HazardsDir):
		return form.Hazards
	case layout.Under(p, layout.RectificationsDir):
		return form.Rectifications
	case path.Dir(p) == layout.ReferenceDir:
		return "reference"
	}
	return "data"
}
