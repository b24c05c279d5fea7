// Package history reads what lpg needs from the git repository that holds
// the data, through go-git only (no git binary): the HEAD commit and its
// time (which make a build a pure function of its commit), receipt times
// and per-file revisions from one pass over the first-parent chain
// (DESIGN.md "Time"), published editions (annotated tags
// report/YYYY-MM/vN, DESIGN.md "Site") and a tree read as an fs.FS without
// a checkout.
//
// It depends on go-git, model, layout (the data folder), rowdiff (the one
// comparison of two versions of a data file) and fault (what a damaged
// repository is called) only; it knows nothing of the loop or the site.
// Package repository is the one caller of Open: commands and check reach
// git through it.
package history

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// ErrNoRepository means the root is a plain directory, not inside a git
// work tree (or one without any commit): commit and receipt times are then
// unknown.
var ErrNoRepository = errors.New("not a git repository")

// ErrShallow means the repository is a shallow clone: its first-parent
// chain is cut, so receipt times would be wrong, and merge bases may be
// missing. Every command refuses one. The message is for the people
// running lpg.
var ErrShallow = errors.New("仓库是浅克隆（shallow clone），缺少早期提交，无法确定收件时间和合并基点；请用完整克隆（git fetch --unshallow，或 CI 中 actions/checkout 设 fetch-depth: 0）后再运行")

// Repo is an open repository. Close it when done: its pack files are kept
// open (go-git KeepDescriptors) so that reading thousands of objects does
// not reopen them each time.
type Repo struct {
	mu     sync.Mutex // go-git object reads are not safe for concurrent use (TreeFS is)
	Git    *git.Repository
	st     *objectStore
	top    string // absolute path of the work tree
	common string // the git directory shared by all work trees (config, info/exclude, objects)
	prefix string // the lpg root relative to the work tree, slash, "" or ending in "/"
}

// Open opens the repository containing root (searching parent directories
// like git does; linked work trees are supported). A plain directory gives
// ErrNoRepository; a shallow clone gives ErrShallow.
func Open(root string) (*Repo, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	repo, st, top, err := openGit(abs)
	if err != nil {
		return nil, err
	}
	shallow, err := st.Shallow()
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("open repository: read shallow file: %w", err)
	}
	if len(shallow) > 0 {
		st.Close()
		return nil, ErrShallow
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil {
		st.Close()
		return nil, err
	}
	prefix := ""
	if rel != "." {
		prefix = filepath.ToSlash(rel) + "/"
	}
	return &Repo{Git: repo, st: st, top: top, common: st.common, prefix: prefix}, nil
}

// Close releases the open pack files.
func (r *Repo) Close() error { return r.st.Close() }

// Prefix is the lpg root relative to the top of the work tree ("" when
// they are the same, else a slash path ending in "/").
func (r *Repo) Prefix() string { return r.prefix }

// HeadCommit returns the HEAD commit; ErrNoRepository when there is none.
func (r *Repo) HeadCommit() (*object.Commit, error) {
	ref, err := r.Git.Head()
	if err != nil {
		return nil, fmt.Errorf("%w: no HEAD commit (%v)", ErrNoRepository, err)
	}
	c, err := r.Git.CommitObject(ref.Hash())
	if err != nil {
		return nil, fmt.Errorf("read HEAD commit: %w", err)
	}
	return c, nil
}

// blob reads the content of the blob h.
func (r *Repo) blob(h plumbing.Hash) ([]byte, error) {
	if h.IsZero() {
		return nil, nil
	}
	b, err := object.GetBlob(r.st, h)
	if err != nil {
		return nil, err
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, r.st.fault(h, err)
	}
	defer rd.Close()
	content, err := io.ReadAll(rd)
	if err != nil {
		return nil, r.st.fault(h, err)
	}
	return content, nil
}

// Fault returns the first git object the repository failed to read (a
// *fault.ObjectError), nil when there was none. go-git reports some
// failures as something else — a revision whose commit cannot be read
// “does not exist” — so a caller whose operation failed asks here first.
func (r *Repo) Fault() error { return r.st.Fault() }

// openGit finds the work tree containing abs (following the .git file of a
// linked work tree and its commondir) and opens its storage with pack files
// kept open and read into memory (packMemFS).
func openGit(abs string) (*git.Repository, *objectStore, string, error) {
	top := abs
	var fi os.FileInfo
	var err error
	for {
		fi, err = os.Stat(filepath.Join(top, ".git"))
		if err == nil {
			break
		}
		parent := filepath.Dir(top)
		if parent == top {
			return nil, nil, "", ErrNoRepository
		}
		top = parent
	}
	gitDir := filepath.Join(top, ".git")
	if !fi.IsDir() {
		b, err := os.ReadFile(gitDir)
		if err != nil {
			return nil, nil, "", err
		}
		line, ok := strings.CutPrefix(strings.SplitN(string(b), "\n", 2)[0], "gitdir:")
		if !ok {
			return nil, nil, "", fmt.Errorf("open repository: %q has no gitdir line", gitDir)
		}
		gitDir = strings.TrimSpace(line)
		if !filepath.IsAbs(gitDir) {
			gitDir = filepath.Join(top, gitDir)
		}
	}
	var dot billy.Filesystem = osfs.New(gitDir)
	repoFS, objects := dot, gitDir
	if b, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		common := strings.TrimSpace(string(b))
		if !filepath.IsAbs(common) {
			common = filepath.Join(gitDir, common)
		}
		repoFS, objects = dotgit.NewRepositoryFilesystem(dot, osfs.New(common)), common
	}
	shown := filepath.ToSlash(objects)
	if rel, err := filepath.Rel(top, objects); err == nil && !strings.HasPrefix(rel, "..") {
		shown = filepath.ToSlash(rel)
	}
	st := &objectStore{
		Storage: filesystem.NewStorageWithOptions(packMemFS{repoFS}, cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true}),
		dot:     repoFS,
		common:  objects,
		shown:   shown,
	}
	repo, err := git.Open(st, osfs.New(top))
	if err != nil {
		st.Close()
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, nil, "", ErrNoRepository
		}
		return nil, nil, "", fmt.Errorf("open repository at %q: %w", top, err)
	}
	return repo, st, top, nil
}
