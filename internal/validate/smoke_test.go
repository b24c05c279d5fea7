package validate

import (
	"os"
	"testing"

	"lpg/internal/diag"
)

func TestSmokeSample(t *testing.T) {
	res, err := Repository(os.DirFS("../.."), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := diag.NewSummary(res.Files, res.Rows, &res.Diags)
	diag.WriteText(os.Stdout, s)
	t.Logf("hazards %d rects %d", len(res.Data.Hazards), len(res.Data.Rects))
}
