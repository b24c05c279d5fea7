package validate

import (
	"errors"
	"strings"
	"testing"

	"lpg/internal/diag"
)

func TestCaused(t *testing.T) {
	const h, r = "data/hazards/2026-07/E01.csv", "data/rectifications/2026-07/310118102.csv"
	d := func(file string, line int, code, value, msg string) diag.Diagnostic {
		return diag.Diagnostic{File: file, Line: line, Column: "隐患编号", Code: code, Value: value, Message: msg}
	}
	unknown := d(r, 7, "hazard_id.unknown", "E01-202607-0068", "隐患编号“E01-202607-0068”在 2026-07 的排查表中不存在")
	phone := d(h, 2, "phone.format", "1380013091", "联系电话格式不对")
	show := func(ds []diag.Diagnostic) string {
		var s []string
		for _, x := range ds {
			s = append(s, x.File+":"+itoa(x.Line)+":"+x.Code)
		}
		return strings.Join(s, " ")
	}
	for _, c := range []struct {
		name          string
		after, before []diag.Diagnostic
		own, others   string
		asked         bool
	}{
		{name: "only the changed file: before not asked", after: []diag.Diagnostic{phone}, before: []diag.Diagnostic{unknown},
			own: h + ":2:phone.format"},
		{name: "new in another file", after: []diag.Diagnostic{phone, unknown},
			own: h + ":2:phone.format", others: r + ":7:hazard_id.unknown", asked: true},
		{name: "already there before", after: []diag.Diagnostic{unknown}, before: []diag.Diagnostic{unknown}, asked: true},
		{name: "other line", after: []diag.Diagnostic{unknown}, before: []diag.Diagnostic{d(r, 6, unknown.Code, unknown.Value, unknown.Message)},
			others: r + ":7:hazard_id.unknown", asked: true},
		{name: "other value", after: []diag.Diagnostic{unknown}, before: []diag.Diagnostic{d(r, 7, unknown.Code, "E01-202607-0069", unknown.Message)},
			others: r + ":7:hazard_id.unknown", asked: true},
		{name: "other message", after: []diag.Diagnostic{unknown}, before: []diag.Diagnostic{d(r, 7, unknown.Code, unknown.Value, "隐患编号在 2026-08 的排查表中不存在")},
			others: r + ":7:hazard_id.unknown", asked: true},
		{name: "other code", after: []diag.Diagnostic{unknown}, before: []diag.Diagnostic{d(r, 7, "hazard_id.town", unknown.Value, unknown.Message)},
			others: r + ":7:hazard_id.unknown", asked: true},
		{name: "a changed file's diagnostic is its own even when old", after: []diag.Diagnostic{phone}, before: []diag.Diagnostic{phone},
			own: h + ":2:phone.format"},
	} {
		t.Run(c.name, func(t *testing.T) {
			asked := false
			own, others, err := Caused(c.after, func(p string) bool { return p == h }, func() ([]diag.Diagnostic, error) {
				asked = true
				return c.before, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if show(own) != c.own || show(others) != c.others || asked != c.asked {
				t.Errorf("own %q others %q asked %v; want %q %q %v", show(own), show(others), asked, c.own, c.others, c.asked)
			}
		})
	}
	fail := errors.New("base unreadable")
	if _, _, err := Caused([]diag.Diagnostic{unknown}, func(string) bool { return false }, func() ([]diag.Diagnostic, error) { return nil, fail }); err != fail {
		t.Errorf("err = %v, want the before error", err)
	}
}
