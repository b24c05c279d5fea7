package history

import (
	"fmt"
	"strings"
	"testing"

	"lpg/internal/testrepo"
)

// TestRowVersions: a town reports two hazards, updates one, re-saves the
// file with its columns reordered and a BOM (no change), then removes a
// row; every version of every row is listed with its time, author and
// cells by header.
func TestRowVersions(t *testing.T) {
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := "data/rectifications/2026-09/310118102.csv"
	steps := []string{
		"隐患编号,整改状态,核查人\nE01-202609-0001,整改中,王\nE01-202609-0002,未整改,王\n",
		"隐患编号,整改状态,核查人\nE01-202609-0001,已整改,王\nE01-202609-0002,未整改,王\n,,\n",
		"\ufeff核查人,隐患编号,整改状态\r\n王,E01-202609-0001,已整改\r\n王,E01-202609-0002,未整改\r\n",
		"核查人,隐患编号,整改状态\n王,E01-202609-0001,已整改\n",
	}
	authors := []string{"town-a", "town-b", "town-c", "town-d"}
	for i, s := range steps {
		if _, err := g.Commit("update", authors[i], at(2026, 10, 1+i, 9, 0, 0, sh), map[string][]byte{f: []byte(s)}); err != nil {
			t.Fatal(err)
		}
	}
	ix := scanHead(t, mustOpen(t, dir))
	vs, err := ix.RowVersions(f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		cells := "removed"
		if v.Cells != nil {
			cells = fmt.Sprintf("%s/%s/%s", v.Cells["隐患编号"], v.Cells["整改状态"], v.Cells["核查人"])
		}
		got = append(got, fmt.Sprintf("%s %s %s %s", v.When.In(sh).Format("01-02"), v.Author, v.Key, cells))
	}
	want := []string{
		"10-01 town-a E01-202609-0001 E01-202609-0001/整改中/王",
		"10-01 town-a E01-202609-0002 E01-202609-0002/未整改/王",
		"10-02 town-b E01-202609-0001 E01-202609-0001/已整改/王",
		"10-04 town-d E01-202609-0002 removed",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("row versions:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, v := range vs {
		if len(v.Commit) != 40 {
			t.Errorf("commit %q is not a full hash", v.Commit)
		}
	}
}
