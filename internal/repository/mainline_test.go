package repository

import (
	"errors"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"lpg/internal/calendar"
	"lpg/internal/testrepo"
)

// TestMainline: which reference is the main line (origin/<b> before <b>;
// main before master without --branch) and which commits are on its
// first-parent chain (adversarial review G9): a merged branch's own commit
// is not, the merge and the commits before it are.
func TestMainline(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 1, 9+h, 0, 0, 0, calendar.Shanghai) }
	base := tiny(t)
	note := testrepo.Files{"data/meetings/a.md": "---\ntitle: a\ndate: 2026-10-20\n---\n"}
	for _, tc := range []struct {
		refs   []string // references pointing at the merge commit
		branch string
		want   string // "" for ErrNoMainline
	}{
		{[]string{"refs/heads/master"}, "", "master"},
		{[]string{"refs/heads/master", "refs/heads/main"}, "", "main"},
		{[]string{"refs/heads/main", "refs/remotes/origin/main"}, "", "origin/main"},
		{[]string{"refs/heads/master", "refs/remotes/origin/master"}, "", "origin/master"},
		{[]string{"refs/remotes/origin/main", "refs/heads/master"}, "", "origin/main"},
		{[]string{"refs/heads/main", "refs/heads/trunk"}, "trunk", "trunk"},
		{[]string{"refs/heads/main"}, "trunk", ""},
		{[]string{"refs/heads/feature"}, "", ""},
	} {
		dir := t.TempDir()
		g := testrepo.NewGit(t, dir)
		root := g.Commit("gas", at(0), "base", base)
		side := g.Commit("town", at(1), "side", base.With(note), root)
		a := g.Commit("gas", at(2), "a", base.With(testrepo.Files{"README.md": "a"}), root)
		merge := g.Commit("gas", at(3), "merge", base.With(note).With(testrepo.Files{"README.md": "a"}), a, side)
		for _, ref := range tc.refs {
			g.Ref(ref, merge)
		}
		g.Head("feature")
		g.Ref("refs/heads/feature", side)
		r, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		name, tip, err := r.Mainline(tc.branch)
		if tc.want == "" {
			if !errors.Is(err, ErrNoMainline) {
				t.Errorf("%v --branch %q: %q, %v; want ErrNoMainline", tc.refs, tc.branch, name, err)
			}
			r.Close()
			continue
		}
		if err != nil || name != tc.want || tip.Hash != merge {
			t.Errorf("%v --branch %q: %q at %v, %v; want %q", tc.refs, tc.branch, name, tip, err, tc.want)
			r.Close()
			continue
		}
		for h, want := range map[plumbing.Hash]bool{merge: true, a: true, root: true, side: false} {
			c, err := r.CommitOf(h)
			if err != nil {
				t.Fatal(err)
			}
			if on, err := r.OnFirstParentChain(tip, c); err != nil || on != want {
				t.Errorf("%s on the first-parent chain of %s: %v, %v; want %v", c.Message, name, on, err, want)
			}
		}
		if b, err := r.HeadBranch(); err != nil || b != "feature" {
			t.Errorf("HeadBranch: %q, %v", b, err)
		}
		r.Close()
	}
}
