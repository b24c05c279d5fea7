package repository

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"lpg/internal/calendar"
	"lpg/internal/testrepo"
)

// TestMerge: what merging a head into a base changes (README pull request
// 检查的范围): a plain branch, a criss-cross merge whose revert of a
// merged branch only the second merge base shows, and two revisions
// without a common ancestor.
func TestMerge(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 9, 1, 9+h, 0, 0, 0, calendar.Shanghai) }
	base := tiny(t)
	const a, b, c = "data/meetings/a.md", "data/meetings/b.md", "data/meetings/c.md"
	note := func(s string) string { return "---\ntitle: " + s + "\ndate: 2026-08-20\n---\n" }
	dir := t.TempDir()
	g := testrepo.NewGit(t, dir)
	root := g.Commit("gas", at(0), "base", base)
	// The town's branch adds a; main merges it after its own commit b.
	town := g.Commit("town", at(1), "a", base.With(testrepo.Files{a: note("a")}), root)
	m1 := g.Commit("gas", at(2), "b", base.With(testrepo.Files{b: note("b")}), root)
	tip := g.Commit("gas", at(3), "merge town", base.With(testrepo.Files{a: note("a"), b: note("b")}), m1, town)
	// The pull request starts from m1, adds c, and merges the town's
	// branch resolved without a: merge bases m1 and town.
	e1 := g.Commit("ent", at(4), "c", base.With(testrepo.Files{b: note("b"), c: note("c")}), m1)
	head := g.Commit("ent", at(5), "merge town", base.With(testrepo.Files{b: note("b"), c: note("c")}), e1, town)
	other := g.Commit("x", at(6), "unrelated", testrepo.Files{"README.md": "x"})
	for n, h := range map[string]plumbing.Hash{"main": tip, "feature": head, "plain": e1, "other": other} {
		g.Ref("refs/heads/"+n, h)
	}
	g.Head("main")
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	changes := func(m *Merge) string {
		var s []string
		for _, ch := range m.Changes {
			st := "M"
			switch {
			case ch.From.IsZero():
				st = "A"
			case ch.To.IsZero():
				st = "D"
			}
			s = append(s, st+" "+ch.Path)
		}
		return strings.Join(s, ", ")
	}
	for _, tc := range []struct {
		head, changes string
		bases         int
	}{
		{"plain", "A " + c, 1},
		{"feature", "D " + a + ", A " + c, 2}, // the revert of the merged a is seen through the second base
	} {
		m, err := r.Merge("main", tc.head)
		if err != nil {
			t.Fatalf("%s: %v", tc.head, err)
		}
		if got := changes(m); got != tc.changes || len(m.Bases) != tc.bases || m.Base != tip.String() {
			t.Errorf("%s: changes %q, %d bases, base %s; want %q, %d, %s", tc.head, got, len(m.Bases), m.Base, tc.changes, tc.bases, tip)
		}
		if _, ok := m.Merged[c]; !ok {
			t.Errorf("%s: merged tree lacks %s", tc.head, c)
		}
	}
	_, err = r.Merge("main", "other")
	var me *MergeBaseError
	if !errors.As(err, &me) || me.Err != nil || err.Error() != tip.String()[:7]+" 与 "+other.String()[:7]+" 没有共同祖先" {
		t.Errorf("unrelated: %v", err)
	}
	var re *RevisionError
	if _, err := r.Merge("main", "nosuch"); !errors.As(err, &re) {
		t.Errorf("unknown head: %v", err)
	}
}

// TestMergeVirtualBase (review finding F3): with criss-cross merges the
// head is compared with the virtual merge base git's recursive merge
// builds, so a path where the head keeps what the merged history agreed
// on is not its change; a path both sides changed since the merge base is
// Stale unless they agree.
func TestMergeVirtualBase(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 9, 1, 9+h, 0, 0, 0, calendar.Shanghai) }
	base := tiny(t)
	const f, h = "data/meetings/f.md", "data/meetings/h.md"
	note := func(s string) string { return "---\ntitle: " + s + "\ndate: 2026-08-20\n---\n" }
	dir := t.TempDir()
	g := testrepo.NewGit(t, dir)
	root := g.Commit("gas", at(0), "base", base.With(testrepo.Files{f: note("O")}))
	tb := g.Commit("town", at(1), "X", base.With(testrepo.Files{f: note("X")}), root)
	p1 := g.Commit("ent", at(2), "H", base.With(testrepo.Files{f: note("O"), h: note("H")}), root)
	both := base.With(testrepo.Files{f: note("X"), h: note("H")})
	p := g.Commit("ent", at(3), "merge town", both, p1, tb)
	b2 := g.Commit("town", at(4), "merge ent", both, tb, p1)
	tip := g.Commit("gas", at(5), "Z", base.With(testrepo.Files{f: note("Z"), h: note("H")}), b2)
	// Plain branches from root against a main that changed f to Z.
	mainZ := g.Commit("gas", at(6), "Z", base.With(testrepo.Files{f: note("Z")}), root)
	other := g.Commit("ent", at(7), "Y", base.With(testrepo.Files{f: note("Y")}), root)
	same := g.Commit("ent", at(8), "Z too", base.With(testrepo.Files{f: note("Z")}), root)
	for n, x := range map[string]plumbing.Hash{"main": tip, "p": p, "mainZ": mainZ, "other": other, "same": same} {
		g.Ref("refs/heads/"+n, x)
	}
	g.Head("main")
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	for _, tc := range []struct {
		base, head string
		bases      int
		changes    int
		stale      string
	}{
		{"main", "p", 2, 0, ""},     // git merge changes nothing; the union rule judged a revert Z → X
		{"mainZ", "other", 1, 1, f}, // both changed f since root
		{"mainZ", "same", 1, 0, ""}, // both changed it the same way
	} {
		m, err := r.Merge(tc.base, tc.head)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Bases) != tc.bases || len(m.Changes) != tc.changes || strings.Join(m.Stale, ",") != tc.stale {
			t.Errorf("%s ← %s: %d bases, changes %+v, stale %v; want %d, %d, %q", tc.base, tc.head, len(m.Bases), m.Changes, m.Stale, tc.bases, tc.changes, tc.stale)
		}
	}
}
