package history

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"lpg/internal/testrepo"
)

// TestCleanHonoursGitIgnores (issue 10, hole 9): publish's clean-tree test
// agrees with git status about ignored files, wherever git reads them
// from. Each case was checked against git 2.39 (git status --porcelain).
func TestCleanHonoursGitIgnores(t *testing.T) {
	type files map[string]string // path → content; "~/" paths are in $HOME, "$XDG/" in $XDG_CONFIG_HOME
	for _, c := range []struct {
		name      string
		committed files
		setup     files
		xdgUnset  bool
		want      []string // dirty paths
	}{
		{name: "nothing ignores it", setup: files{"Thumbs.db": "x"}, want: []string{"Thumbs.db"}},
		{name: ".gitignore", committed: files{".gitignore": "Thumbs.db\n"}, setup: files{"Thumbs.db": "x"}},
		{name: ".gitignore in a subdirectory", committed: files{"data/.gitignore": "desktop.ini\n"},
			setup: files{"data/hazards/desktop.ini": "x", "desktop.ini": "x"}, want: []string{"desktop.ini"}},
		{name: "info/exclude", setup: files{".git/info/exclude": "# local\nThumbs.db\n", "Thumbs.db": "x"}},
		{name: "core.excludesFile in the repository config", setup: files{".git/config": "[core]\n\texcludesFile = .git/my-ignore\n",
			".git/my-ignore": "Thumbs.db\n", "Thumbs.db": "x"}},
		{name: "core.excludesFile in ~/.gitconfig with ~", setup: files{"~/.gitconfig": "[core]\n\texcludesfile = ~/.gitignore_global\n",
			"~/.gitignore_global": "Thumbs.db\ndesktop.ini\n", "Thumbs.db": "x", "data/desktop.ini": "x"}},
		{name: "core.excludesFile in the XDG config", setup: files{"$XDG/git/config": "[core]\n\texcludesFile = ~/win.ignore\n",
			"~/win.ignore": "Thumbs.db\n", "Thumbs.db": "x"}},
		{name: "XDG default $XDG_CONFIG_HOME/git/ignore", setup: files{"$XDG/git/ignore": "Thumbs.db\n", "Thumbs.db": "x"}},
		{name: "XDG default ~/.config/git/ignore", xdgUnset: true, setup: files{"~/.config/git/ignore": "Thumbs.db\n", "Thumbs.db": "x"}},
		{name: "core.excludesFile replaces the XDG default", setup: files{"~/.gitconfig": "[core]\n\texcludesFile = ~/only.ignore\n",
			"~/only.ignore": "desktop.ini\n", "$XDG/git/ignore": "Thumbs.db\n", "Thumbs.db": "x", "desktop.ini": "x"}, want: []string{"Thumbs.db"}},
		{name: "the repository config wins over the global one", setup: files{"~/.gitconfig": "[core]\n\texcludesFile = ~/g.ignore\n",
			"~/g.ignore": "Thumbs.db\n", ".git/config": "[core]\n\texcludesFile = .git/l.ignore\n", ".git/l.ignore": "desktop.ini\n",
			"Thumbs.db": "x", "desktop.ini": "x"}, want: []string{"Thumbs.db"}},
		{name: ".gitignore negates a global pattern", committed: files{".gitignore": "!keep.db\n"},
			setup: files{"$XDG/git/ignore": "*.db\n", "keep.db": "x", "Thumbs.db": "x"}, want: []string{"keep.db"}},
		{name: "an ignored pattern does not hide a modified tracked file", committed: files{"Thumbs.db": "old"},
			setup: files{".git/info/exclude": "Thumbs.db\n", "Thumbs.db": "new"}, want: []string{"Thumbs.db"}},
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
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			clean, dirty, err := r.Clean()
			if err != nil {
				t.Fatal(err)
			}
			if clean != (len(c.want) == 0) || !reflect.DeepEqual(dirty, c.want) {
				t.Errorf("Clean = %v %q, want dirty %q", clean, dirty, c.want)
			}
		})
	}
}
