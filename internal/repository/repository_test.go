package repository

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"lpg/internal/calendar"
	"lpg/internal/diag"
	"lpg/internal/history"
	"lpg/internal/testrepo"
	"lpg/internal/validate"
)

// asOf judges the month folders of the fixture (2026-10).
var asOf = time.Date(2026, 12, 2, 12, 0, 0, 0, calendar.Shanghai)

const (
	hazards  = "data/hazards/2026-10/E01.csv"
	rects    = "data/rectifications/2026-10/310118102.csv"
	accounts = "data/reference/accounts.csv"
)

// tiny is the small data repository of the CLI scenarios.
func tiny(t *testing.T) testrepo.Files {
	t.Helper()
	return testrepo.ReadDir(t, filepath.Join("..", "cli", "testdata", "tiny"))
}

// under names every file of f below dir ("" keeps them).
func under(dir string, f testrepo.Files) testrepo.Files {
	out := testrepo.Files{}
	for p, c := range f {
		out[dir+p] = c
	}
	return out
}

// committed commits files (paths from the top of the work tree) to main
// at when in a new repository and opens it with the lpg root at sub
// ("" or a slash path ending in "/"); it returns the repository and HEAD.
func committed(t *testing.T, files testrepo.Files, sub string, when time.Time) (*Repo, *object.Commit) {
	t.Helper()
	dir := t.TempDir()
	g := testrepo.NewGit(t, dir)
	g.Ref("refs/heads/main", g.Commit("gas", when, "fixture", files))
	g.Head("main")
	root := filepath.Join(dir, filepath.FromSlash(sub))
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	r, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	head, err := r.Head()
	if err != nil {
		t.Fatal(err)
	}
	return r, head
}

// errorsOf lists the errors of res as "file code".
func errorsOf(res *validate.Result) []string {
	var out []string
	for _, d := range res.Diags.Items() {
		if d.Severity == diag.Error {
			out = append(out, d.File+" "+d.Code)
		}
	}
	return out
}

// TestTree reads the tree of HEAD through the facade with the lpg root at
// the top of the work tree and in a subdirectory of it: the files are
// named from the root (outside it with a leading "/"), validation finds
// the data, and the receipt history knows the files by the same names.
func TestTree(t *testing.T) {
	when := time.Date(2026, 11, 3, 9, 0, 0, 0, calendar.Shanghai)
	for _, tc := range []struct {
		name, sub string
		outside   string // a file outside the root, as Files names it
	}{
		{name: "top", sub: ""},
		{name: "subdirectory", sub: "lpg/data-repo/", outside: "/README.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := under(tc.sub, tiny(t))
			files["README.md"] = "top of the work tree\n"
			r, head := committed(t, files, tc.sub, when)
			got, err := r.Files(head)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{hazards, rects, accounts} {
				if _, ok := got[p]; !ok {
					t.Errorf("Files: no %s", p)
				}
			}
			if tc.outside != "" {
				if _, ok := got[tc.outside]; !ok {
					t.Errorf("Files: no %s (the file outside the root)", tc.outside)
				}
			}
			for _, view := range []func() (View, error){
				func() (View, error) { return r.At(head) },
				func() (View, error) { return r.Tree(got) },
			} {
				v, err := view()
				if err != nil {
					t.Fatal(err)
				}
				res, err := v.Load(validate.Options{AsOf: asOf})
				if err != nil {
					t.Fatal(err)
				}
				if e := errorsOf(res); len(e) > 0 || res.Files != 7 {
					t.Errorf("Load: %d files, errors %q; want 7 files, none", res.Files, e)
				}
				acc, err := v.Accounts()
				if err != nil || len(acc) != 3 || acc[1].Account != "ent-e01" {
					t.Errorf("Accounts: %+v, %v", acc, err)
				}
			}
			ix, err := r.History()
			if err != nil {
				t.Fatal(err)
			}
			if at, ok := ix.ReceivedAt(hazards); !ok || !at.Equal(when) {
				t.Errorf("History: %s received %v, %v; want %v", hazards, at, ok, when)
			}
			if again, err := r.Scan(head); again != ix || err != nil {
				t.Errorf("Scan(HEAD) after History: a second scan (%v)", err)
			}
			d, err := r.Diff(hazards, history.Entry{}, got[hazards])
			if err != nil || d.Added != 2 || d.Changed != 0 || d.Removed != 0 {
				t.Errorf("Diff from nothing: %+v, %v; want 2 added", d, err)
			}
		})
	}
}

// TestSpecialEntries: a symbolic link (whose link text is a valid header)
// and a gitlink in a commit, at a 排查表's path or at accounts.csv, are
// listed and never read: validation reports each with a Chinese message
// naming the path (no I/O error: a required reference file is then also
// missing), and reading one fails with history.ErrSpecial, which counts
// as fs.ErrNotExist and says in Chinese why.
func TestSpecialEntries(t *testing.T) {
	const special = "data/hazards/2026-10/E02.csv"
	for _, tc := range []struct {
		name, path, content, code, message string
		missing                            bool // a required file is missing as well
	}{
		{"symlink", special, testrepo.Symlink + "隐患编号,街镇", "file.symlink", "这是一个符号链接，lpg 不读取符号链接指向的内容", false},
		{"gitlink", special, testrepo.Gitlink + strings.Repeat("ab", 20), "file.gitlink", "这是一个子模块（gitlink），指向另一个仓库，而不是文件内容", false},
		{"symlinked accounts", accounts, testrepo.Symlink + "account,role,submitter", "file.symlink", "这是一个符号链接，lpg 不读取符号链接指向的内容", true},
		{"gitlinked accounts", accounts, testrepo.Gitlink + strings.Repeat("cd", 20), "file.gitlink", "这是一个子模块（gitlink），指向另一个仓库，而不是文件内容", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := tiny(t).With(testrepo.Files{tc.path: tc.content})
			r, head := committed(t, files, "", time.Date(2026, 11, 3, 9, 0, 0, 0, calendar.Shanghai))
			v, err := r.At(head)
			if err != nil {
				t.Fatal(err)
			}
			res, err := v.Load(validate.Options{AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			if tc.missing {
				want = append(want, tc.path+" file.missing")
			}
			want = append(want, tc.path+" "+tc.code)
			var got []string
			for _, d := range res.Diags.Items() {
				if d.File != tc.path {
					continue
				}
				got = append(got, d.File+" "+d.Code)
				if d.Code == tc.code && (d.Line != 1 || d.Message != tc.message || d.Severity != diag.Error) {
					t.Errorf("%s: %+v", tc.code, d)
				}
			}
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("diagnostics of %s: %q, want %q", tc.path, got, want)
			}
			_, err = v.ReadFile(tc.path)
			if !errors.Is(err, history.ErrSpecial) || !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("ReadFile(%s): %v, want ErrSpecial (fs.ErrNotExist)", tc.path, err)
			}
			if msg := "read " + tc.path + ": 是符号链接或子模块（gitlink），lpg 不读取它的内容"; err == nil || err.Error() != msg {
				t.Errorf("ReadFile(%s): %v, want %q", tc.path, err, msg)
			}
			if tc.path == accounts {
				if _, err := v.Accounts(); !errors.Is(err, history.ErrSpecial) {
					t.Errorf("Accounts: %v, want ErrSpecial", err)
				}
			}
			got2, err := r.Files(head)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r.Diff(tc.path, history.Entry{}, got2[tc.path]); !errors.Is(err, history.ErrSpecial) {
				t.Errorf("Diff of %s: %v, want ErrSpecial", tc.path, err)
			}
		})
	}
}

// TestGitRefused: outside git and in a shallow clone every use of git
// gives one answer, and the working tree on disk is still read.
func TestGitRefused(t *testing.T) {
	for _, tc := range []struct {
		name    string
		setup   func(t *testing.T, dir string)
		want    error
		history bool // History has no error (nil index)
	}{
		{"plain directory", func(t *testing.T, dir string) {}, ErrNoRepository, true},
		{"no commit", func(t *testing.T, dir string) { testrepo.NewGit(t, dir) }, nil, true},
		{"shallow clone", func(t *testing.T, dir string) {
			g := testrepo.NewGit(t, t.TempDir())
			h := g.Commit("gas", time.Date(2026, 11, 3, 9, 0, 0, 0, calendar.Shanghai), "tiny", tiny(t))
			g.ShallowCopy(dir, map[string]plumbing.Hash{"refs/heads/main": h}, "main")
		}, ErrShallow, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			tiny(t).Write(t, dir)
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if _, err := r.Git(); !errors.Is(err, tc.want) {
				t.Errorf("Git: %v, want %v", err, tc.want)
			}
			if _, err := r.Head(); !errors.Is(err, ErrNoRepository) && !errors.Is(err, ErrShallow) {
				t.Errorf("Head: %v", err)
			}
			ix, err := r.History()
			if tc.history && (ix != nil || err != nil) || !tc.history && !errors.Is(err, ErrShallow) {
				t.Errorf("History: %v, %v", ix, err)
			}
			if tc.want != nil {
				if _, _, err := r.Tags(); !errors.Is(err, tc.want) {
					t.Errorf("Tags: %v, want %v", err, tc.want)
				}
			}
			res, err := r.Disk().Load(validate.Options{AsOf: asOf})
			if err != nil || res.Files != 7 || len(errorsOf(res)) > 0 {
				t.Errorf("Disk().Load: %v, %v", res, err)
			}
		})
	}
	if err := ErrShallow.Error(); !strings.Contains(err, "浅克隆") {
		t.Errorf("ErrShallow is not in Chinese: %q", err)
	}
}

// TestOverlay: a file laid over the working tree is what validation sees,
// and nothing is written.
func TestOverlay(t *testing.T) {
	dir := t.TempDir()
	tiny(t).Write(t, dir)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	const added = "data/hazards/2026-10/E02.csv"
	for _, tc := range []struct {
		name, path, data string
		files            int
		errors           []string
	}{
		{"new file", added, strings.SplitAfter(tiny(t)[hazards], "\n")[0], 8, []string{added + " file.enterprise"}},
		{"replaced file", hazards, strings.SplitAfter(tiny(t)[hazards], "\n")[0], 7, []string{rects + " hazard_id.unknown"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := r.Overlay(tc.path, []byte(tc.data)).Load(validate.Options{AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			if got := errorsOf(res); res.Files != tc.files || strings.Join(got, "\n") != strings.Join(tc.errors, "\n") {
				t.Errorf("%d files, errors %q; want %d, %q", res.Files, got, tc.files, tc.errors)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, added)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the overlay wrote %s: %v", added, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, hazards)); string(b) != tiny(t)[hazards] {
		t.Errorf("the overlay changed %s", hazards)
	}
}

// TestReceipts: data/receipts.csv read in another header order and
// encoding is written back canonical; a missing file is an empty table.
func TestReceipts(t *testing.T) {
	dir := t.TempDir()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	empty, err := r.Receipts()
	if err != nil || len(empty.Rows) != 0 {
		t.Fatalf("missing receipts.csv: %+v, %v", empty, err)
	}
	in := "\ufeffchannel,path,received_at\r\nemail, data/hazards/2026-10/E01.csv ,2026-11-05T09:00:00+08:00\r\n"
	if err := r.WriteFile("data/receipts.csv", []byte(in)); err != nil {
		t.Fatal(err)
	}
	got, err := r.Receipts()
	if err != nil {
		t.Fatal(err)
	}
	if i, ok := got.Find(hazards); !ok || i != 0 || got.Rows[0][1] != "2026-11-05T09:00:00+08:00" || got.Rows[0][2] != "email" {
		t.Fatalf("Receipts: %q", got.Rows)
	}
	if err := r.WriteReceipts(got); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "data", "receipts.csv"))
	want := "path,received_at,channel,note\n" + hazards + ",2026-11-05T09:00:00+08:00,email,\n"
	if string(b) != want {
		t.Errorf("written:\n%s\nwant:\n%s", b, want)
	}
	if _, err := Open(filepath.Join(dir, "data", "receipts.csv")); err == nil {
		t.Errorf("Open of a file: no error")
	}
}

// TestFind: the lpg root is found from itself and from below it, not from
// a directory without data/reference/ above it.
func TestFind(t *testing.T) {
	dir := t.TempDir()
	tiny(t).Write(t, filepath.Join(dir, "repo"))
	deep := filepath.Join(dir, "repo", "data", "hazards", "2026-10")
	other := filepath.Join(dir, "other")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		start, want string
		ok          bool
	}{
		{filepath.Join(dir, "repo"), filepath.Join(dir, "repo"), true},
		{deep, filepath.Join(dir, "repo"), true},
		{other, "", false},
	} {
		if got, ok := Find(tc.start); got != tc.want || ok != tc.ok {
			t.Errorf("Find(%s) = %q, %v; want %q, %v", tc.start, got, ok, tc.want, tc.ok)
		}
	}
}

// TestCommit: revisions given by the user resolve to commits, or to a
// RevisionError that says in Chinese what is wrong.
func TestCommit(t *testing.T) {
	r, head := committed(t, tiny(t), "", time.Date(2026, 11, 3, 9, 0, 0, 0, calendar.Shanghai))
	for _, tc := range []struct {
		rev, err string
	}{
		{"main", ""},
		{"HEAD", ""},
		{head.Hash.String(), ""},
		{"nosuchbranch", `找不到修订 "nosuchbranch"（reference not found）`},
		{head.TreeHash.String(), `找不到修订 "` + head.TreeHash.String() + `"（reference not found）`}, // go-git resolves only commits
	} {
		c, err := r.Commit(tc.rev)
		var re *RevisionError
		switch {
		case tc.err == "" && (err != nil || c.Hash != head.Hash):
			t.Errorf("Commit(%s) = %v, %v; want HEAD", tc.rev, c, err)
		case tc.err != "" && (!errors.As(err, &re) || err.Error() != tc.err):
			t.Errorf("Commit(%s): %v; want %q", tc.rev, err, tc.err)
		}
	}
}

// TestCommitRefsBeforeHashes (review finding F16): as git does, a branch,
// remote branch or tag wins over a hash prefix of the same spelling; hash
// prefixes need at least 4 hex digits and must name exactly one commit.
func TestCommitRefsBeforeHashes(t *testing.T) {
	dir := t.TempDir()
	g := testrepo.NewGit(t, dir)
	when := time.Date(2026, 11, 3, 9, 0, 0, 0, calendar.Shanghai)
	files := tiny(t)
	// Commits until two share their first 4 hex digits (about 300).
	byPrefix := map[string]plumbing.Hash{}
	var hashes []plumbing.Hash
	var twins [2]plumbing.Hash
	for i := 0; twins[0].IsZero(); i++ {
		h := g.Commit("gas", when.Add(time.Duration(i)*time.Minute), fmt.Sprintf("fixture %d", i), files)
		if o, ok := byPrefix[h.String()[:4]]; ok {
			twins = [2]plumbing.Hash{o, h}
		}
		byPrefix[h.String()[:4]] = h
		hashes = append(hashes, h)
	}
	c1, c2, c3 := hashes[0], hashes[1], hashes[2]
	child := g.Commit("gas", when.Add(-time.Hour), "child of c3", files, c3)
	one, four := c1.String()[:1], c1.String()[:4]
	g.Ref("refs/heads/main", c1)
	g.Ref("refs/heads/"+one, c2)
	g.Ref("refs/tags/"+four, c3)
	g.Ref("refs/remotes/origin/main", child)
	g.Head("main")
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sorted := []string{twins[0].String(), twins[1].String()}
	sort.Strings(sorted)
	for _, tc := range []struct {
		rev  string
		want plumbing.Hash
		err  string
	}{
		{one, c2, ""},  // branch b, not HEAD whose hash starts with b
		{four, c3, ""}, // tag <4 digits>, not the commit with that prefix
		{"origin/main", child, ""},
		{four + "~0", c3, ""},
		{"origin/main^", c3, ""},
		{"HEAD", c1, ""},
		{c2.String()[:7], c2, ""}, // no ref of that name: the one commit
		{strings.ToUpper(c2.String()[:7]), c2, ""},
		{c2.String(), c2, ""},
		{c2.String()[:3], plumbing.ZeroHash, `找不到修订 "` + c2.String()[:3] + `"：没有这个名字的分支或标签，提交号至少要写 4 位`},
		{twins[0].String()[:4], plumbing.ZeroHash, `修订 "` + twins[0].String()[:4] + `" 有歧义：没有这个名字的分支或标签，而以它开头的提交有 2 个（` + sorted[0][:12] + "、" + sorted[1][:12] + `）；请写出更长的提交号或分支名`},
		{"nosuch", plumbing.ZeroHash, `找不到修订 "nosuch"（reference not found）`},
	} {
		c, err := r.Commit(tc.rev)
		var re *RevisionError
		switch {
		case tc.err == "" && (err != nil || c.Hash != tc.want):
			t.Errorf("Commit(%s) = %v, %v; want %s", tc.rev, c, err, tc.want)
		case tc.err != "" && (!errors.As(err, &re) || err.Error() != tc.err):
			t.Errorf("Commit(%s): %v; want %q", tc.rev, err, tc.err)
		}
	}
}
