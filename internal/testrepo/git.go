package testrepo

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
)

// Git builds a real git repository in a directory with go-git (no git
// binary): commits with set author and committer times are written object
// by object, without a work tree checkout, so thousands of commits stay
// cheap. Files is a snapshot: repository path → content.
type Git struct {
	tb     testing.TB
	Dir    string
	Repo   *git.Repository
	st     storage.Storer
	stored map[plumbing.Hash]bool
	last   map[string]blobMemo // path → blob of the previous commit
}

type blobMemo struct {
	content string
	hash    plumbing.Hash
}

// Files is the content of a commit: slash path → file content.
type Files map[string]string

// NewGit initialises a repository in dir (its .git/ below dir).
func NewGit(tb testing.TB, dir string) *Git {
	r, err := git.PlainInit(dir, false)
	if err != nil {
		tb.Fatal(err)
	}
	return &Git{tb: tb, Dir: dir, Repo: r, st: r.Storer, stored: map[plumbing.Hash]bool{}, last: map[string]blobMemo{}}
}

// ReadDir returns the files below dir (a directory on disk) as a
// snapshot, with paths relative to dir.
func ReadDir(tb testing.TB, dir string) Files {
	out := Files{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(dir + "/" + p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// Write writes f into dir as a work tree (the checkout of a commit of f).
func (f Files) Write(tb testing.TB, dir string) {
	tb.Helper()
	for p, c := range f {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// With returns a copy of f in which changes set the content of their
// paths and every path in del is removed.
func (f Files) With(changes Files, del ...string) Files {
	out := Files{}
	for p, c := range f {
		out[p] = c
	}
	for p, c := range changes {
		out[p] = c
	}
	for _, p := range del {
		delete(out, p)
	}
	return out
}

func (g *Git) put(obj plumbing.EncodedObject) plumbing.Hash {
	h := obj.Hash()
	if !g.stored[h] {
		if _, err := g.st.SetEncodedObject(obj); err != nil {
			g.tb.Fatal(err)
		}
		g.stored[h] = true
	}
	return h
}

func (g *Git) blob(content string) plumbing.Hash {
	obj := g.st.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, _ := obj.Writer()
	if _, err := w.Write([]byte(content)); err != nil {
		g.tb.Fatal(err)
	}
	_ = w.Close()
	return g.put(obj)
}

// Symlink starts the content of a file that Commit writes as a symbolic
// link (mode 120000) whose link text is the rest of the content.
const Symlink = "\x00symlink:"

// Gitlink starts the content of a file that Commit writes as a submodule
// entry (mode 160000) pointing at the commit hash that follows.
const Gitlink = "\x00gitlink:"

// tree writes the tree of files (paths relative to it) and returns its hash;
// modes holds the paths that are not regular files.
func (g *Git) tree(files map[string]plumbing.Hash, modes map[string]filemode.FileMode) plumbing.Hash {
	sub := map[string]map[string]plumbing.Hash{}
	subModes := map[string]map[string]filemode.FileMode{}
	var ents []object.TreeEntry
	for p, h := range files {
		if i := strings.IndexByte(p, '/'); i >= 0 {
			d := p[:i]
			if sub[d] == nil {
				sub[d] = map[string]plumbing.Hash{}
			}
			sub[d][p[i+1:]] = h
			if m, ok := modes[p]; ok {
				if subModes[d] == nil {
					subModes[d] = map[string]filemode.FileMode{}
				}
				subModes[d][p[i+1:]] = m
			}
			continue
		}
		mode := filemode.Regular
		if m, ok := modes[p]; ok {
			mode = m
		}
		ents = append(ents, object.TreeEntry{Name: p, Mode: mode, Hash: h})
	}
	for d, fs := range sub {
		ents = append(ents, object.TreeEntry{Name: d, Mode: filemode.Dir, Hash: g.tree(fs, subModes[d])})
	}
	// git orders entries by name, a directory's name compared with a trailing "/".
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(ents, func(i, j int) bool { return key(ents[i]) < key(ents[j]) })
	obj := g.st.NewEncodedObject()
	if err := (&object.Tree{Entries: ents}).Encode(obj); err != nil {
		g.tb.Fatal(err)
	}
	return g.put(obj)
}

// Commit writes a commit of files with the given parents, authored and
// committed at when by name, and returns its hash.
func (g *Git) Commit(name string, when time.Time, msg string, files Files, parents ...plumbing.Hash) plumbing.Hash {
	blobs := make(map[string]plumbing.Hash, len(files))
	modes := map[string]filemode.FileMode{}
	for p, c := range files {
		p = path.Clean(p)
		if target, ok := strings.CutPrefix(c, Symlink); ok {
			modes[p], c = filemode.Symlink, target
		}
		if commit, ok := strings.CutPrefix(c, Gitlink); ok {
			modes[p], blobs[p] = filemode.Submodule, plumbing.NewHash(commit)
			continue
		}
		// A file unchanged since the previous commit shares its string,
		// which compares in constant time: no re-hashing.
		if m, ok := g.last[p]; ok && m.content == c {
			blobs[p] = m.hash
			continue
		}
		blobs[p] = g.blob(c)
		g.last[p] = blobMemo{c, blobs[p]}
	}
	sig := object.Signature{Name: name, Email: name + "@example.org", When: when}
	c := &object.Commit{Author: sig, Committer: sig, Message: msg, TreeHash: g.tree(blobs, modes), ParentHashes: parents}
	obj := g.st.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		g.tb.Fatal(err)
	}
	return g.put(obj)
}

// Ref points the reference name (refs/heads/main, refs/remotes/origin/main,
// refs/tags/…) at h.
func (g *Git) Ref(name string, h plumbing.Hash) {
	if err := g.st.SetReference(plumbing.NewHashReference(plumbing.ReferenceName(name), h)); err != nil {
		g.tb.Fatal(err)
	}
}

// Tag writes an annotated tag name (without refs/tags/) on commit,
// tagged by tagger at when with message, and points refs/tags/name at it.
func (g *Git) Tag(name string, commit plumbing.Hash, tagger string, when time.Time, message string) {
	t := &object.Tag{Name: name, Tagger: object.Signature{Name: tagger, Email: tagger + "@example.org", When: when},
		Message: message, TargetType: plumbing.CommitObject, Target: commit}
	obj := g.st.NewEncodedObject()
	if err := t.Encode(obj); err != nil {
		g.tb.Fatal(err)
	}
	g.Ref("refs/tags/"+name, g.put(obj))
}

// Head makes HEAD a symbolic reference to branch (refs/heads/<branch>).
func (g *Git) Head(branch string) {
	ref := plumbing.NewSymbolicReference(plumbing.HEAD, plumbing.NewBranchReferenceName(branch))
	if err := g.st.SetReference(ref); err != nil {
		g.tb.Fatal(err)
	}
}

// Repack packs the loose objects into one pack file, as a long-lived
// repository (or a fresh clone) has them.
func (g *Git) Repack() {
	if err := g.Repo.RepackObjects(&git.RepackConfig{}); err != nil {
		g.tb.Fatal(err)
	}
}

// ShallowCopy writes into dir a shallow clone of g holding only the given
// tips (commit, tree and blobs, no parents), as `git clone --depth 1`
// makes, with the references of refs pointing at them.
func (g *Git) ShallowCopy(dir string, refs map[string]plumbing.Hash, head string) *Git {
	c := NewGit(g.tb, dir)
	var tips []plumbing.Hash
	seen := map[plumbing.Hash]bool{}
	for name, h := range refs {
		c.Ref(name, h)
		if seen[h] {
			continue
		}
		seen[h] = true
		tips = append(tips, h)
		commit, err := g.Repo.CommitObject(h)
		if err != nil {
			g.tb.Fatal(err)
		}
		c.copyObject(g, h)
		c.copyTree(g, commit.TreeHash)
	}
	sort.Slice(tips, func(i, j int) bool { return tips[i].String() < tips[j].String() })
	if err := c.st.SetShallow(tips); err != nil {
		g.tb.Fatal(err)
	}
	c.Head(head)
	return c
}

func (c *Git) copyObject(from *Git, h plumbing.Hash) {
	obj, err := from.st.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		c.tb.Fatal(err)
	}
	c.put(obj)
}

func (c *Git) copyTree(from *Git, h plumbing.Hash) {
	c.copyObject(from, h)
	t, err := object.GetTree(from.st, h)
	if err != nil {
		c.tb.Fatal(err)
	}
	for _, e := range t.Entries {
		if e.Mode == filemode.Dir {
			c.copyTree(from, e.Hash)
		} else {
			c.copyObject(from, e.Hash)
		}
	}
}
