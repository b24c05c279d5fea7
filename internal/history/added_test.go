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
