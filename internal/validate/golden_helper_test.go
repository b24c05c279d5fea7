package validate

import (
	"flag"
	"os"
	"strings"
	"testing"

	"lpg/internal/diag"
)

var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares the text output of res with the golden file (or
// rewrites it with -update).
func checkGolden(t *testing.T, golden string, res *Result) {
	t.Helper()
	var out strings.Builder
	if err := diag.WriteText(&out, diag.NewSummary(res.Files, res.Rows, &res.Diags)); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if out.String() != string(want) {
		t.Errorf("output differs from %s:\n--- got\n%s--- want\n%s", golden, out.String(), want)
	}
}
