package history

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing/format/config"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// ignores returns what git ignores in the work tree, with git's precedence
// (gitignore(5): later patterns win): the file named by core.excludesFile
// (or its default $XDG_CONFIG_HOME/git/ignore, ~/.config/git/ignore), then
// $GIT_DIR/info/exclude, then every .gitignore from the top down.
//
// go-git's own status reads only the .gitignore files: its work-tree file
// system refuses every path under .git, so info/exclude is silently never
// read, and it knows nothing of core.excludesFile or the XDG file. Clean
// marks with it the changed files a build reads that git status does not
// show (Change.Ignored), so that the warning can say why (issue 10 hole 9,
// review round 4 H5).
func (r *Repo) ignores() (gitignore.Matcher, error) {
	var ps []gitignore.Pattern
	if p := excludesFile(r.common, r.top); p != "" {
		more, err := readPatterns(p)
		if err != nil {
			return nil, err
		}
		ps = append(ps, more...)
	}
	more, err := readPatterns(filepath.Join(r.common, "info", "exclude"))
	if err != nil {
		return nil, err
	}
	ps = append(ps, more...)
	// ReadPatterns also reads .git/info/exclude when .git is the git
	// directory itself: the same patterns twice, at the same rank.
	more, err = gitignore.ReadPatterns(osfs.New(r.top), nil)
	if err != nil {
		return nil, err
	}
	return gitignore.NewMatcher(append(ps, more...)), nil
}

// readPatterns reads an ignore file (patterns relative to the top of the
// work tree); a missing file has none.
func readPatterns(p string) ([]gitignore.Pattern, error) {
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, nil))
	}
	return ps, sc.Err()
}

// excludesFile is the path of the user's excludes file as git finds it:
// core.excludesFile from the system, XDG, global and repository
// configuration (the last one set wins; GIT_CONFIG_NOSYSTEM,
// GIT_CONFIG_SYSTEM and GIT_CONFIG_GLOBAL are honoured), "~/" expanded and
// a relative path taken from the top of the work tree; unset, the XDG
// default $XDG_CONFIG_HOME/git/ignore, else ~/.config/git/ignore. "" when
// there is no home directory to find it in.
func excludesFile(commonDir, top string) string {
	home, _ := os.UserHomeDir()
	xdg := os.Getenv("XDG_CONFIG_HOME")
	if xdg == "" && home != "" {
		xdg = filepath.Join(home, ".config")
	}
	var files []string
	if os.Getenv("GIT_CONFIG_NOSYSTEM") == "" {
		if p := os.Getenv("GIT_CONFIG_SYSTEM"); p != "" {
			files = append(files, p)
		} else {
			files = append(files, "/etc/gitconfig")
		}
	}
	if p := os.Getenv("GIT_CONFIG_GLOBAL"); p != "" {
		files = append(files, p)
	} else {
		if xdg != "" {
			files = append(files, filepath.Join(xdg, "git", "config"))
		}
		if home != "" {
			files = append(files, filepath.Join(home, ".gitconfig"))
		}
	}
	files = append(files, filepath.Join(commonDir, "config"))
	value := ""
	for _, f := range files {
		if v := configExcludesFile(f); v != "" {
			value = v
		}
	}
	switch {
	case value == "" && xdg == "":
		return ""
	case value == "":
		return filepath.Join(xdg, "git", "ignore")
	case strings.HasPrefix(value, "~/") && home != "":
		return filepath.Join(home, value[2:])
	case !filepath.IsAbs(value):
		return filepath.Join(top, value)
	}
	return value
}

// configExcludesFile returns core.excludesFile of the git configuration
// file p ("" when unset or unreadable).
func configExcludesFile(p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		return ""
	}
	cfg := config.New()
	if err := config.NewDecoder(bytes.NewReader(b)).Decode(cfg); err != nil {
		return ""
	}
	v := ""
	for _, s := range cfg.Sections {
		if s.IsName("core") {
			if x := s.Options.Get("excludesFile"); x != "" {
				v = x
			}
		}
	}
	return v
}
