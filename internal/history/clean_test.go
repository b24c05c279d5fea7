package history

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"lpg/internal/layout"
	"lpg/internal/testrepo"
)

// TestClean: the G32 mark judges the files a build reads — added, changed,
// deleted or turned into a link, ignored by git or not (review round 4
// H5: an ignored 排查表 was built into the site as the commit's data) —
// and nothing else (H12: lpg's own site/ output or a note at the top
// marked every page and blocked publish). A changed file git ignores is
// marked Ignored, with git's rules wherever git reads them from (issue 10,
// hole 9; each ignore case was checked against git 2.39, git status
// --porcelain). Here a build reads what layout.Reads accepts and
// templates/style.css.
func TestClean(t *testing.T) {
	type files map[string]string // path → content; "~/" paths are in $HOME, "$XDG/" in $XDG_CONFIG_HOME
	ign := func(p string) Change { return Change{Path: p, Ignored: true} }
	mod := func(p string) Change { return Change{Path: p} }
	for _, c := range []struct {
		name      string
		committed files
		setup     files
		remove    []string          // work-tree files deleted
		link      map[string]string // work-tree path → symbolic link target
		root      string            // the lpg root below the top ("" for the top)
		xdgUnset  bool
		want      []Change
	}{
		// H12: what a build does not read never counts.
		{name: "stray files at the top", setup: files{"Thumbs.db": "x", "NOTES.txt": "x"}},
		{name: "lpg's own output", setup: files{"site/index.html": "x", "site/.lpg-site": "x"}},
		{name: "a tracked file lpg does not read, changed or deleted", committed: files{"README.md": "a", "cmd/main.go": "a"},
			setup: files{"README.md": "b"}, remove: []string{"cmd/main.go"}},
		{name: "files below data/ that validate does not read", setup: files{"data/desktop.ini": "x", "data/README.md": "x",
			"data/hazards/2026-11/.E01.csv.swp": "x", "data/.drafts/E01.csv": "x", "templates/notes.txt": "x"}},

		// Which changed files git ignores, and why (issue 10 hole 9).
		{name: "nothing ignores it", setup: files{"data/b.csv": "x"}, want: []Change{mod("data/b.csv")}},
		{name: ".gitignore", committed: files{".gitignore": "b.csv\n"}, setup: files{"data/b.csv": "x"}, want: []Change{ign("data/b.csv")}},
		{name: ".gitignore in a subdirectory", committed: files{"data/.gitignore": "b.csv\n"}, setup: files{"data/b.csv": "x"},
			want: []Change{ign("data/b.csv")}},
		{name: "info/exclude", setup: files{".git/info/exclude": "# local\nb.csv\n", "data/b.csv": "x"}, want: []Change{ign("data/b.csv")}},
		{name: "core.excludesFile in the repository config", setup: files{".git/config": "[core]\n\texcludesFile = .git/my-ignore\n",
			".git/my-ignore": "b.csv\n", "data/b.csv": "x"}, want: []Change{ign("data/b.csv")}},
		{name: "core.excludesFile in ~/.gitconfig with ~", setup: files{"~/.gitconfig": "[core]\n\texcludesfile = ~/.gitignore_global\n",
			"~/.gitignore_global": "b.csv\n", "data/b.csv": "x"}, want: []Change{ign("data/b.csv")}},
		{name: "core.excludesFile in the XDG config", setup: files{"$XDG/git/config": "[core]\n\texcludesFile = ~/win.ignore\n",
			"~/win.ignore": "b.csv\n", "data/b.csv": "x"}, want: []Change{ign("data/b.csv")}},
		{name: "XDG default $XDG_CONFIG_HOME/git/ignore", setup: files{"$XDG/git/ignore": "b.csv\n", "data/b.csv": "x"},
			want: []Change{ign("data/b.csv")}},
		{name: "XDG default ~/.config/git/ignore", xdgUnset: true, setup: files{"~/.config/git/ignore": "b.csv\n", "data/b.csv": "x"},
			want: []Change{ign("data/b.csv")}},
		{name: "core.excludesFile replaces the XDG default", setup: files{"~/.gitconfig": "[core]\n\texcludesFile = ~/only.ignore\n",
			"~/only.ignore": "c.csv\n", "$XDG/git/ignore": "b.csv\n", "data/b.csv": "x", "data/c.csv": "x"},
			want: []Change{mod("data/b.csv"), ign("data/c.csv")}},
		{name: "the repository config wins over the global one", setup: files{"~/.gitconfig": "[core]\n\texcludesFile = ~/g.ignore\n",
			"~/g.ignore": "b.csv\n", ".git/config": "[core]\n\texcludesFile = .git/l.ignore\n", ".git/l.ignore": "c.csv\n",
			"data/b.csv": "x", "data/c.csv": "x"}, want: []Change{mod("data/b.csv"), ign("data/c.csv")}},
		{name: ".gitignore negates a global pattern", committed: files{".gitignore": "!keep.csv\n"},
			setup: files{"$XDG/git/ignore": "*.csv\n", "data/keep.csv": "x", "data/b.csv": "x"}, want: []Change{ign("data/b.csv"), mod("data/keep.csv")}},

		// H5: what a build reads counts, whatever git ignores.
		{name: "a 排查表 in a folder info/exclude ignores", setup: files{".git/info/exclude": "data/hazards/2026-11/\n",
			"data/hazards/2026-11/E01.csv": "x"}, want: []Change{ign("data/hazards/2026-11/E01.csv")}},
		{name: "a CSV file .gitignore ignores", committed: files{".gitignore": "*.csv\n"},
			setup: files{"data/rectifications/2026-11/310118102.csv": "x"}, want: []Change{ign("data/rectifications/2026-11/310118102.csv")}},
		{name: "receipts.csv ignored by core.excludesFile", setup: files{"~/.gitconfig": "[core]\n\texcludesFile = ~/g.ignore\n",
			"~/g.ignore": "receipts.csv\n", "data/receipts.csv": "x"}, want: []Change{ign("data/receipts.csv")}},
		{name: "a meeting note and the masthead, not ignored", setup: files{"data/meetings/2026-11-20-会议.md": "x", "data/report.md": "x"},
			want: []Change{mod("data/meetings/2026-11-20-会议.md"), mod("data/report.md")}},
		{name: "a template override ignored, a file render does not read ignored", setup: files{".git/info/exclude": "/templates/\n",
			"templates/style.css": "x", "templates/notes.txt": "x"}, want: []Change{ign("templates/style.css")}},
		{name: "a read file changed", setup: files{"data/a.csv": "b\n"}, want: []Change{mod("data/a.csv")}},
		{name: "a read file changed under an ignore pattern", setup: files{".git/info/exclude": "*.csv\n", "data/a.csv": "b\n"},
			want: []Change{mod("data/a.csv")}},
		{name: "a read file rewritten with the same content", setup: files{"data/a.csv": "a\n"}},
		{name: "a read file deleted", remove: []string{"data/a.csv"}, want: []Change{mod("data/a.csv")}},
		{name: "a read file replaced by a symbolic link", remove: []string{"data/a.csv"}, link: map[string]string{"data/a.csv": "a\n"},
			want: []Change{mod("data/a.csv")}},
		{name: "the lpg root below the top", root: "sub", committed: files{"sub/data/a.csv": "a\n"},
			setup: files{".git/info/exclude": "*.csv\n", "sub/data/b.csv": "x", "sub/data/a.csv": "c\n", "data/c.csv": "x", "NOTES.txt": "x"},
			want:  []Change{mod("sub/data/a.csv"), ign("sub/data/b.csv")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			home, xdg := t.TempDir(), t.TempDir()
			t.Setenv("HOME", home)
			t.Setenv("XDG_CONFIG_HOME", xdg)
			if c.xdgUnset {
				t.Setenv("XDG_CONFIG_HOME", "")
			}
			for _, k := range []string{"GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM"} {
				t.Setenv(k, "")
			}
			t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			dir := t.TempDir()
			g, err := testrepo.NewBuilder(dir)
			if err != nil {
				t.Fatal(err)
			}
			commit := map[string][]byte{"data/a.csv": []byte("a\n")}
			for p, s := range c.committed {
				commit[p] = []byte(s)
			}
			if _, err := g.Commit("c", "centre", time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), commit); err != nil {
				t.Fatal(err)
			}
			if err := g.Checkout(); err != nil {
				t.Fatal(err)
			}
			for _, p := range c.remove {
				if err := os.Remove(filepath.Join(dir, p)); err != nil {
					t.Fatal(err)
				}
			}
			for p, target := range c.link {
				if err := os.Symlink(target, filepath.Join(dir, p)); err != nil {
					t.Fatal(err)
				}
			}
			for p, s := range c.setup {
				full := filepath.Join(dir, p)
				if rest, ok := strings.CutPrefix(p, "~/"); ok {
					full = filepath.Join(home, rest)
				} else if rest, ok := strings.CutPrefix(p, "$XDG/"); ok {
					full = filepath.Join(xdg, rest)
				}
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				mode := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
				if p == ".git/config" {
					mode = os.O_WRONLY | os.O_APPEND // keep go-git's own settings
				}
				f, err := os.OpenFile(full, mode, 0o644)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := f.WriteString(s); err != nil {
					t.Fatal(err)
				}
				f.Close()
			}
			r, err := Open(filepath.Join(dir, c.root))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			clean, dirty, err := r.Clean([]string{"data", "templates"}, func(p string) bool {
				return layout.Reads(p) || p == "templates/style.css"
			})
			if err != nil {
				t.Fatal(err)
			}
			if clean != (len(c.want) == 0) || !reflect.DeepEqual(dirty, c.want) {
				t.Errorf("Clean = %v %+v, want dirty %+v", clean, dirty, c.want)
			}
		})
	}
}

// TestCleanWithoutCommits: before the first commit every file a build
// reads is new (lpg publish then names them, as before review round 4
// H12, instead of failing with "no HEAD commit").
func TestCleanWithoutCommits(t *testing.T) {
	dir := t.TempDir()
	testrepo.NewGit(t, dir)
	for _, p := range []string{"data/a.csv", "NOTES.txt"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	clean, dirty, err := r.Clean([]string{"data"}, layout.Reads)
	if want := []Change{{Path: "data/a.csv"}}; err != nil || clean || !reflect.DeepEqual(dirty, want) {
		t.Errorf("Clean = %v %+v %v, want dirty %+v", clean, dirty, err, want)
	}
}

// TestCleanSameSizeEdit (review round 5, K2): an edit that keeps the
// file's size, with its old modification time put back (touch -d, cp -p,
// unzip of an edited copy), is a change — the index's size and time do
// not vouch for the content.
func TestCleanSameSizeEdit(t *testing.T) {
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Commit("c", "centre", time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), map[string][]byte{"data/a.csv": []byte("一般\n")}); err != nil {
		t.Fatal(err)
	}
	if err := g.Checkout(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "data/a.csv")
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("重大\n"), 0o644); err != nil { // 一般 → 重大: the same 7 bytes
		t.Fatal(err)
	}
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	clean, dirty, err := r.Clean([]string{"data"}, layout.Reads)
	if want := []Change{{Path: "data/a.csv"}}; err != nil || clean || !reflect.DeepEqual(dirty, want) {
		t.Errorf("Clean = %v %+v %v, want dirty %+v", clean, dirty, err, want)
	}
}
