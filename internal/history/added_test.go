package history

import (
	"reflect"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"lpg/internal/testrepo"
)

// TestAdded: the paths a push put on main, for a merge commit and for a
// fast-forward of several commits (as a rebase merge lands them); changed
// and deleted files are not added.
func TestAdded(t *testing.T) {
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	must := func(h plumbing.Hash, err error) plumbing.Hash {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	p := func(id string) string { return "data/hazards/2026-10/" + id + ".csv" }
	base := must(g.Commit("init", "centre", at(2026, 11, 1, 9, 0, 0, sh), map[string][]byte{p("E01"): file("E01-202610-0001,a"), p("E09"): file("x")}))
	// fast-forward of two commits: E02 added, E01 changed, E09 deleted, E03 added.
	must(g.Commit("E02", "e02", at(2026, 11, 20, 9, 0, 0, sh), map[string][]byte{p("E02"): file("E02-202610-0001,a"), p("E01"): file("E01-202610-0001,b"), p("E09"): nil}))
	ff := must(g.Commit("E03", "e03", at(2026, 11, 20, 9, 1, 0, sh), map[string][]byte{p("E03"): file("E03-202610-0001,a"), "README.md": []byte("x")}))
	// merge commit bringing E05 from a side branch.
	side := g.Files()
	side[p("E05")] = file("E05-202610-0001,a")
	br := must(g.Side(ff, side, "E05", "e05", at(2026, 11, 21, 9, 0, 0, sh)))
	merge := must(g.Commit("merge", "centre", at(2026, 11, 27, 9, 0, 0, sh), map[string][]byte{p("E05"): side[p("E05")]}, br))

	r := mustOpen(t, dir)
	for _, tt := range []struct {
		base, head plumbing.Hash
		want       []string
	}{
		{base, ff, []string{p("E02"), p("E03")}},
		{ff, merge, []string{p("E05")}},
		{base, merge, []string{p("E02"), p("E03"), p("E05")}},
		{merge, merge, nil},
	} {
		got, err := r.Added(tt.base.String(), tt.head.String())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Added(%s, %s) = %q, want %q", tt.base.String()[:7], tt.head.String()[:7], got, tt.want)
		}
	}
	if _, err := r.Added("no-such-rev", merge.String()); err == nil {
		t.Error("unknown revision: no error")
	}
}

// TestUpdated (review round 3, G16): the submission files already
// received that each first-parent commit of a push changed — each commit
// of a fast-forward (rebase merge) with its own files, a merge commit with
// everything its side branch changed; a new file, a deleted one, a file
// outside the submissions and a 汇总表 getting its first filled row (that
// is Added) are no update, a filled 汇总表 changed again is. When base is
// not on head's first-parent chain, head alone is compared with base.
func TestUpdated(t *testing.T) {
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	must := func(h plumbing.Hash, err error) plumbing.Hash {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	p := func(id string) string { return "data/hazards/2026-10/" + id + ".csv" }
	rect := "data/rectifications/2026-10/310118102.csv"
	c0 := must(g.Commit("init", "centre", at(2026, 11, 1, 9, 0, 0, sh), map[string][]byte{p("E01"): file("E01-202610-0001,a"), p("E09"): file("x"), rect: file("E01-202610-0001,")}))
	c1 := must(g.Commit("E02", "e02", at(2026, 11, 20, 9, 0, 0, sh), map[string][]byte{p("E02"): file("E02-202610-0001,a"), p("E01"): file("E01-202610-0001,b"), p("E09"): nil}))
	c2 := must(g.Commit("rect", "town", at(2026, 11, 20, 9, 1, 0, sh), map[string][]byte{rect: file("E01-202610-0001,已整改"), "README.md": []byte("x")}))
	side := g.Files()
	side[p("E01")] = file("E01-202610-0001,c")
	s1 := must(g.Side(c2, side, "E01", "e01", at(2026, 11, 24, 9, 0, 0, sh)))
	side[p("E02")] = file("E02-202610-0001,a", "E02-202610-0002,b")
	s2 := must(g.Side(s1, side, "E02", "e02", at(2026, 11, 24, 9, 5, 0, sh)))
	m := must(g.Commit("merge", "centre", at(2026, 11, 27, 9, 0, 0, sh), map[string][]byte{p("E01"): side[p("E01")], p("E02"): side[p("E02")]}, s2))
	c3 := must(g.Commit("rect again", "town", at(2026, 12, 1, 9, 0, 0, sh), map[string][]byte{rect: file("E01-202610-0001,已整改", "E02-202610-0001,已整改")}))

	r := mustOpen(t, dir)
	u := func(path string, c plumbing.Hash) Update { return Update{Path: path, Commit: c.String()} }
	for _, tt := range []struct {
		name       string
		base, head plumbing.Hash
		want       []Update
	}{
		{"fast-forward", c0, c2, []Update{u(p("E01"), c1)}},
		{"merge commit", c2, m, []Update{u(p("E01"), m), u(p("E02"), m)}},
		{"filled 汇总表 changed", m, c3, []Update{u(rect, c3)}},
		{"all", c0, c3, []Update{u(p("E01"), c1), u(p("E01"), m), u(p("E02"), m), u(rect, c3)}},
		{"base off the chain", s1, c3, []Update{u(p("E02"), c3), u(rect, c3)}},
		{"nothing", c3, c3, nil},
	} {
		got, err := r.Updated(tt.base.String(), tt.head.String())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Updated = %v, want %v", tt.name, got, tt.want)
		}
	}
	if _, err := r.Updated("no-such-rev", c3.String()); err == nil {
		t.Error("unknown revision: no error")
	}
	// The main line the update lines are judged against (note.merge_missing).
	ix := scanHead(t, r)
	for h, want := range map[string]bool{c1.String(): true, m.String(): true, c3.String(): true, s1.String(): false, s2.String(): false, c3.String()[:7]: false, "": false} {
		if got := ix.OnChain(h); got != want {
			t.Errorf("OnChain(%q) = %v, want %v", h, got, want)
		}
	}
}
