package cli

import (
	"strings"
	"testing"
)

// TestHelpCodes: lpg help CODE explains a code from diag.Catalogue (a
// family too: phone.format is *.format), lpg help codes lists them all.
func TestHelpCodes(t *testing.T) {
	if code, out, _ := run("help", "hazard_id.unknown"); code != ExitOK || !strings.Contains(out, "派发清单") {
		t.Errorf("help hazard_id.unknown: exit %d\n%s", code, out)
	}
	if code, out, _ := run("help", "phone.format"); code != ExitOK || !strings.Contains(out, "格式不对") {
		t.Errorf("help phone.format: exit %d\n%s", code, out)
	}
	if code, out, _ := run("help", "codes"); code != ExitOK || strings.Count(out, "\n") < 100 {
		t.Errorf("help codes: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
	if code, _, errOut := run("help", "no.such"); code != ExitFailure || !strings.Contains(errOut, "没有诊断代码") {
		t.Errorf("help no.such: exit %d %s", code, errOut)
	}
}
