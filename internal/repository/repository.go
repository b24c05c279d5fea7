package repository

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"lpg/internal/fault"
	"lpg/internal/history"
	"lpg/internal/layout"
	"lpg/internal/reference"
	"lpg/internal/rowdiff"
	"lpg/internal/validate"
)

// ErrNoRepository means the lpg root is not inside a git work tree (or the
// repository has no commit): receipt times from git, edition tags and
// commit trees are then unknown. It is history.ErrNoRepository.
var ErrNoRepository = history.ErrNoRepository

// ErrShallow means the repository is a shallow clone (DESIGN.md "Time":
// receipt times come from the whole first-parent chain, which a shallow
// clone cuts). Every use of git refuses one; its message is for the people
// running lpg. It is history.ErrShallow.
var ErrShallow = history.ErrShallow

// Repo is a data repository opened once. The working tree on disk is
// always there; git is opened on first need and at most once. A Repo is
// safe for concurrent use. Close it when done.
type Repo struct {
	dir string // the lpg root as given (--root), an OS path

	gitOnce sync.Once
	git     *history.Repo
	gitErr  error

	headOnce sync.Once
	head     *object.Commit
	headErr  error

	histOnce sync.Once
	hist     *history.Index
	histErr  error

	scanMu  sync.Mutex
	scanned map[plumbing.Hash]*history.Index // Scan's answers by commit

	tagsOnce sync.Once
	tags     []history.Edition
	skipped  []string
	tagsErr  error
}

// Open opens the data repository whose lpg root (the directory holding
// data/) is dir. It fails only when dir is not a directory; whether dir
// lies in a git work tree is found out by Git.
func Open(dir string) (*Repo, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: errors.New("not a directory")}
	}
	return &Repo{dir: dir}, nil
}

// Find returns the lpg root at or above the OS path start: start or its
// nearest parent that holds data/reference/ (as git finds .git), made
// absolute; ok is false when there is none. lpg template uses it when no
// --root is given (issue 12 finding 5).
func Find(start string) (string, bool) {
	d, err := filepath.Abs(start)
	if err != nil {
		return "", false
	}
	for {
		if st, err := os.Stat(filepath.Join(d, filepath.FromSlash(layout.ReferenceDir))); err == nil && st.IsDir() {
			return d, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

// Dir is the lpg root as given to Open.
func (r *Repo) Dir() string { return r.dir }

// Close releases the git repository's open pack files, if git was opened.
func (r *Repo) Close() error {
	if r.git != nil {
		return r.git.Close()
	}
	return nil
}

// Git returns the git repository holding the lpg root, opened on the first
// call (history.Open: the root inside the work tree resolved, linked work
// trees followed). ErrNoRepository outside git, ErrShallow for a shallow
// clone; a damaged repository gives history's fault errors. Every later
// call returns the same answer.
func (r *Repo) Git() (*history.Repo, error) {
	r.gitOnce.Do(func() { r.git, r.gitErr = history.Open(r.dir) })
	return r.git, r.gitErr
}

// Head returns the HEAD commit. An error wrapping ErrNoRepository means no
// git or no commit yet; ErrShallow a shallow clone.
func (r *Repo) Head() (*object.Commit, error) {
	r.headOnce.Do(func() {
		g, err := r.Git()
		if err != nil {
			r.headErr = err
			return
		}
		r.head, r.headErr = g.HeadCommit()
	})
	return r.head, r.headErr
}

// History returns what HEAD's first-parent chain says about the files
// under data/ (history.Index: receipt times, per-file revisions), scanned
// once. It is nil, without error, outside git and in a repository without
// commits; a shallow clone is ErrShallow.
func (r *Repo) History() (*history.Index, error) {
	r.histOnce.Do(func() {
		head, err := r.Head()
		if errors.Is(err, ErrNoRepository) {
			return
		}
		if err != nil {
			r.histErr = err
			return
		}
		r.hist, r.histErr = r.Scan(head)
	})
	return r.hist, r.histErr
}

// Scan returns what the first-parent chain of commit c says about the
// files under data/ (history.Repo.Scan), for a commit other than HEAD
// (History): an edition's or a pull request's base. Each commit is
// scanned once (an Index is immutable); failures are not kept.
func (r *Repo) Scan(c *object.Commit) (*history.Index, error) {
	g, err := r.Git()
	if err != nil {
		return nil, err
	}
	r.scanMu.Lock()
	defer r.scanMu.Unlock()
	if ix, ok := r.scanned[c.Hash]; ok {
		return ix, nil
	}
	ix, err := g.Scan(c.Hash)
	if err != nil {
		return nil, err
	}
	if r.scanned == nil {
		r.scanned = map[plumbing.Hash]*history.Index{}
	}
	r.scanned[c.Hash] = ix
	return ix, nil
}

// Tags lists the published editions (annotated tags report/YYYY-MM/vN,
// DESIGN.md "Site"), sorted by month and number, read once
// (history.Repo.Editions: the one reading of those tags); skipped says, in
// Chinese, which tags under report/ were left out and why. Outside git the
// error is ErrNoRepository.
func (r *Repo) Tags() ([]history.Edition, []string, error) {
	r.tagsOnce.Do(func() {
		g, err := r.Git()
		if err != nil {
			r.tagsErr = err
			return
		}
		r.tags, r.skipped, r.tagsErr = g.Editions()
	})
	return r.tags, r.skipped, r.tagsErr
}

// RevisionError means a revision given by the user names no commit: git
// cannot resolve it (an unknown branch, a branch not fetched, a hash
// prefix of fewer than 4 digits: Short), it names an object that is not a
// commit (NotCommit), or it is a hash prefix of several commits
// (Ambiguous: their full hashes, sorted). Err is go-git's reason, nil for
// Short and Ambiguous.
type RevisionError struct {
	Rev       string
	NotCommit bool
	Short     bool
	Ambiguous []string
	Err       error
}

func (e *RevisionError) Error() string {
	switch {
	case e.NotCommit:
		return fmt.Sprintf("修订 %q 不是一个提交（%v）", e.Rev, e.Err)
	case len(e.Ambiguous) > 0:
		shown := e.Ambiguous
		if len(shown) > 5 {
			shown = shown[:5]
		}
		for i, h := range shown {
			shown[i] = h[:12]
		}
		return fmt.Sprintf("修订 %q 有歧义：没有这个名字的分支或标签，而以它开头的提交有 %d 个（%s）；请写出更长的提交号或分支名", e.Rev, len(e.Ambiguous), strings.Join(shown, "、"))
	case e.Short:
		return fmt.Sprintf("找不到修订 %q：没有这个名字的分支或标签，提交号至少要写 4 位", e.Rev)
	}
	return fmt.Sprintf("找不到修订 %q（%v）", e.Rev, e.Err)
}

func (e *RevisionError) Unwrap() error { return e.Err }

// Commit resolves rev (a branch, remote branch, tag, hash or expression
// such as HEAD~1) to a commit: a *RevisionError when it names none, a
// fault error (package fault) when the commit is there but unreadable.
//
// As git does (review finding F16), the name before any ~, ^ or @ is
// (or @{) is looked up as a reference first (plumbing.RefRevParseRules: the name
// itself, HEAD, refs/, refs/tags/, refs/heads/, refs/remotes/), then as a
// full hash, then as a hash prefix of at least 4 hex digits that exactly
// one commit has; go-git alone tries hash prefixes first, even of one
// digit, so a branch named b or c608 gave some other commit.
func (r *Repo) Commit(rev string) (*object.Commit, error) {
	g, err := r.Git()
	if err != nil {
		return nil, err
	}
	name, rest := rev, ""
	i := strings.IndexAny(rev, "~^:")
	if j := strings.Index(rev, "@{"); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i > 0 {
		name, rest = rev[:i], rev[i:]
	}
	resolved, rerr := resolveName(g.Git, name)
	if f := g.Fault(); f != nil {
		return nil, f
	}
	if rerr != nil {
		rerr.Rev = rev
		return nil, rerr
	}
	h, err := g.Git.ResolveRevision(plumbing.Revision(resolved.String() + rest))
	if f := g.Fault(); f != nil {
		return nil, f // go-git says "does not exist" for a commit it failed to read
	}
	if err != nil {
		return nil, &RevisionError{Rev: rev, Err: err}
	}
	c, err := g.Git.CommitObject(*h)
	var oe *fault.ObjectError
	if errors.As(err, &oe) {
		return nil, err
	}
	if err != nil {
		return nil, &RevisionError{Rev: rev, NotCommit: true, Err: err}
	}
	return c, nil
}

// resolveName resolves a revision name without ~, ^ or @ suffixes to an
// object id: references before hashes, hash prefixes only with at least 4
// hex digits and only when they name exactly one commit.
func resolveName(g *git.Repository, name string) (plumbing.Hash, *RevisionError) {
	if name == "" {
		return plumbing.ZeroHash, &RevisionError{Err: plumbing.ErrReferenceNotFound}
	}
	for _, rule := range plumbing.RefRevParseRules {
		if ref, err := storer.ResolveReference(g.Storer, plumbing.ReferenceName(fmt.Sprintf(rule, name))); err == nil {
			return ref.Hash(), nil
		}
	}
	if !isHex(name) {
		return plumbing.ZeroHash, &RevisionError{Err: plumbing.ErrReferenceNotFound}
	}
	if len(name) == 2*len(plumbing.ZeroHash) {
		return plumbing.NewHash(name), nil
	}
	if len(name) < 4 {
		return plumbing.ZeroHash, &RevisionError{Short: true}
	}
	prefix := strings.ToLower(name)
	var found []string
	iter, err := g.CommitObjects()
	if err != nil {
		return plumbing.ZeroHash, &RevisionError{Err: err}
	}
	_ = iter.ForEach(func(c *object.Commit) error {
		if h := c.Hash.String(); strings.HasPrefix(h, prefix) {
			found = append(found, h)
		}
		return nil
	})
	switch len(found) {
	case 0:
		return plumbing.ZeroHash, &RevisionError{Err: plumbing.ErrReferenceNotFound}
	case 1:
		return plumbing.NewHash(found[0]), nil
	}
	sort.Strings(found)
	return plumbing.ZeroHash, &RevisionError{Ambiguous: found}
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f' || s[i] >= 'A' && s[i] <= 'F') {
			return false
		}
	}
	return s != ""
}

// CommitOf reads the commit h (a parent met while walking history).
func (r *Repo) CommitOf(h plumbing.Hash) (*object.Commit, error) {
	g, err := r.Git()
	if err != nil {
		return nil, err
	}
	return g.Git.CommitObject(h)
}

// Files returns the files of the tree of commit c, flattened (only tree
// objects are read), named relative to the lpg root; a file outside the
// root (the root below the top of the work tree) is named from the top
// with a leading "/" (/.github/CODEOWNERS): a pull request can change it,
// but it is no data.
func (r *Repo) Files(c *object.Commit) (history.Files, error) {
	g, err := r.Git()
	if err != nil {
		return nil, err
	}
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("read tree of %s: %w", c.Hash.String()[:7], err)
	}
	all, err := g.Files(t)
	if err != nil {
		return nil, err
	}
	pre := g.Prefix()
	if pre == "" {
		return all, nil
	}
	out := make(history.Files, len(all))
	for p, e := range all {
		if rest, ok := strings.CutPrefix(p, pre); ok {
			out[rest] = e
		} else {
			out["/"+p] = e
		}
	}
	return out, nil
}

// Tree returns files (named as Files names them) as a View of the lpg
// root: the files outside it are left out. Blobs are read when opened,
// through history's one reader (symbolic links and gitlinks listed, never
// read).
func (r *Repo) Tree(files history.Files) (View, error) {
	g, err := r.Git()
	if err != nil {
		return View{}, err
	}
	in := make(history.Files, len(files))
	for p, e := range files {
		if !strings.HasPrefix(p, "/") {
			in[p] = e
		}
	}
	return View{fsys: g.FS(in)}, nil
}

// At returns the tree of commit c as a View of the lpg root
// (history.Repo.TreeFS: a failed object read names the commit).
func (r *Repo) At(c *object.Commit) (View, error) {
	g, err := r.Git()
	if err != nil {
		return View{}, err
	}
	fsys, err := g.TreeFS(c)
	if err != nil {
		return View{}, err
	}
	return View{fsys: fsys}, nil
}

// Blob returns the content of the tree entry e: nil for the zero entry,
// history.ErrSpecial for a symbolic link or gitlink (never read).
func (r *Repo) Blob(e history.Entry) ([]byte, error) {
	if e.IsZero() {
		return nil, nil
	}
	if e.Special() {
		return nil, history.ErrSpecial
	}
	g, err := r.Git()
	if err != nil {
		return nil, err
	}
	return g.Blob(e.Hash)
}

// Diff compares two versions of the data file at path (root-relative),
// given as tree entries (the zero entry: absent), row by row through
// rowdiff.Compare, the comparison the site's file history also uses.
// Neither entry may be a symbolic link or gitlink (history.ErrSpecial).
func (r *Repo) Diff(path string, from, to history.Entry) (rowdiff.Counts, error) {
	old, err := r.Blob(from)
	if err != nil {
		return rowdiff.Counts{}, err
	}
	new, err := r.Blob(to)
	if err != nil {
		return rowdiff.Counts{}, err
	}
	return rowdiff.Compare(path, old, new), nil
}

// Disk returns the working tree on disk as a View.
func (r *Repo) Disk() View { return View{fsys: os.DirFS(r.dir)} }

// Overlay returns the working tree with the file at p (a root-relative
// slash path from package layout) replaced by data, as it would be once
// written; nothing is written (lpg import validates it first).
func (r *Repo) Overlay(p string, data []byte) View { return r.Disk().With(p, data) }

// WriteFile writes the file at root-relative slash path p atomically,
// creating its folders.
func (r *Repo) WriteFile(p string, data []byte) error {
	return WriteAtomic(filepath.Join(r.dir, filepath.FromSlash(p)), data)
}

// View is one state of the repository read as an fs.FS rooted at the lpg
// root: the working tree, a commit's tree, or either with a file laid over
// it. The zero View has no files.
type View struct{ fsys fs.FS }

// FS returns the view as a read-only fs.FS (also what render reads
// templates and meeting notes from).
func (v View) FS() fs.FS { return v.fsys }

// With returns v with the file at p replaced by data (validate.WithFile).
func (v View) With(p string, data []byte) View {
	return View{fsys: validate.WithFile(v.fsys, p, data)}
}

// ReadFile reads the file at root-relative slash path p.
func (v View) ReadFile(p string) ([]byte, error) { return fs.ReadFile(v.fsys, p) }

// Load validates the view into the model with validate.Run, the one
// parser of every file: diagnostics and the typed data. validate.ErrNoData
// when the view has no data/ directory; other errors are I/O.
func (v View) Load(o validate.Options) (*validate.Result, error) { return validate.Run(v.fsys, o) }

// Accounts reads data/reference/accounts.csv of v with validate.Accounts
// (the one reading: rows with problems are left out, lpg validate reports
// them). A missing file is an error wrapping fs.ErrNotExist, a symbolic
// link or gitlink in a git tree one wrapping history.ErrSpecial.
func (v View) Accounts() ([]reference.Account, error) {
	b, err := v.ReadFile(layout.AccountsFile)
	if err != nil {
		return nil, err
	}
	accounts, _ := validate.Accounts(b)
	return accounts, nil
}

// WriteAtomic writes data to a temporary file beside the OS path p and
// renames it over p, so p is never half-written; folders are created.
func WriteAtomic(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".lpg-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", p, err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, p)
}
