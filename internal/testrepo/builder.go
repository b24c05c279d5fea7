package testrepo

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Builder builds the history of a repository object by object (no git
// binary), applying changes to the previous commit's files, so tests
// control every commit's author and committer time and its parents, and
// can check the result out into the work tree. The branch is "master".
// (Git, in git.go, takes full snapshots instead.)
type Builder struct {
	Repo  *git.Repository
	Dir   string
	Head  plumbing.Hash     // tip of master
	files map[string][]byte // the tree of Head
	trees map[string]plumbing.Hash
	dirty map[string]bool
	blobs map[string]plumbing.Hash // content → blob
}

// NewBuilder creates an empty repository (with a work tree) in dir.
func NewBuilder(dir string) (*Builder, error) {
	r, err := git.PlainInit(dir, false)
	if err != nil {
		return nil, err
	}
	return &Builder{Repo: r, Dir: dir, files: map[string][]byte{}, trees: map[string]plumbing.Hash{},
		dirty: map[string]bool{}, blobs: map[string]plumbing.Hash{}}, nil
}

// Files returns a copy of the files of Head.
func (g *Builder) Files() map[string][]byte {
	out := make(map[string][]byte, len(g.files))
	for k, v := range g.files {
		out[k] = v
	}
	return out
}

// Sig returns a signature of name at when.
func Sig(name string, when time.Time) object.Signature {
	return object.Signature{Name: name, Email: strings.ToLower(name) + "@example.org", When: when}
}

// Commit applies change (path → content; nil deletes) to master and commits
// it with author and committer time when (extra parents make a merge).
func (g *Builder) Commit(msg string, author string, when time.Time, change map[string][]byte, extraParents ...plumbing.Hash) (plumbing.Hash, error) {
	for p, b := range change {
		if b == nil {
			delete(g.files, p)
		} else {
			g.files[p] = b
		}
		for d := path.Dir(p); ; d = path.Dir(d) {
			g.dirty[d] = true
			if d == "." {
				break
			}
		}
	}
	tree, err := g.tree(".")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	var parents []plumbing.Hash
	if !g.Head.IsZero() {
		parents = append(parents, g.Head)
	}
	parents = append(parents, extraParents...)
	h, err := g.WriteCommit(tree, parents, msg, author, when)
	if err != nil {
		return h, err
	}
	g.Head = h
	ref := plumbing.NewHashReference(plumbing.NewBranchReferenceName("master"), h)
	return h, g.Repo.Storer.SetReference(ref)
}

// Side commits a commit on top of base without moving master (a commit of
// a side branch); files is its full tree.
func (g *Builder) Side(base plumbing.Hash, files map[string][]byte, msg, author string, when time.Time) (plumbing.Hash, error) {
	sub := &Builder{Repo: g.Repo, files: files, trees: map[string]plumbing.Hash{}, dirty: map[string]bool{}, blobs: g.blobs}
	tree, err := sub.tree(".")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	var parents []plumbing.Hash
	if !base.IsZero() {
		parents = []plumbing.Hash{base}
	}
	return g.WriteCommit(tree, parents, msg, author, when)
}

// WriteCommit stores a commit object.
func (g *Builder) WriteCommit(tree plumbing.Hash, parents []plumbing.Hash, msg, author string, when time.Time) (plumbing.Hash, error) {
	c := &object.Commit{Author: Sig(author, when), Committer: Sig(author, when), Message: msg + "\n",
		TreeHash: tree, ParentHashes: parents}
	obj := g.Repo.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return g.Repo.Storer.SetEncodedObject(obj)
}

// tree writes the tree of directory dir ("." for the root), reusing the
// stored hash of directories nothing changed under.
func (g *Builder) tree(dir string) (plumbing.Hash, error) {
	if h, ok := g.trees[dir]; ok && !g.dirty[dir] {
		return h, nil
	}
	type ent struct {
		name string
		dir  bool
	}
	seen := map[string]bool{}
	var ents []ent
	prefix := dir + "/"
	if dir == "." {
		prefix = ""
	}
	for p := range g.files {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		rest := p[len(prefix):]
		name, _, isDir := strings.Cut(rest, "/")
		if !seen[name] {
			seen[name] = true
			ents = append(ents, ent{name, isDir})
		}
	}
	key := func(e ent) string {
		if e.dir {
			return e.name + "/"
		}
		return e.name
	}
	sort.Slice(ents, func(i, j int) bool { return key(ents[i]) < key(ents[j]) })
	t := &object.Tree{}
	for _, e := range ents {
		p := prefix + e.name
		if e.dir {
			h, err := g.tree(p)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			t.Entries = append(t.Entries, object.TreeEntry{Name: e.name, Mode: filemode.Dir, Hash: h})
			continue
		}
		h, err := g.blob(g.files[p])
		if err != nil {
			return plumbing.ZeroHash, err
		}
		t.Entries = append(t.Entries, object.TreeEntry{Name: e.name, Mode: filemode.Regular, Hash: h})
	}
	obj := g.Repo.Storer.NewEncodedObject()
	if err := t.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	h, err := g.Repo.Storer.SetEncodedObject(obj)
	if err != nil {
		return h, err
	}
	g.trees[dir] = h
	delete(g.dirty, dir)
	return h, nil
}

func (g *Builder) blob(b []byte) (plumbing.Hash, error) {
	if h, ok := g.blobs[string(b)]; ok {
		return h, nil
	}
	obj := g.Repo.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(b); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	h, err := g.Repo.Storer.SetEncodedObject(obj)
	if err == nil {
		g.blobs[string(b)] = h
	}
	return h, err
}

// Checkout makes the work tree and index match master (git reset --hard).
func (g *Builder) Checkout() error {
	wt, err := g.Repo.Worktree()
	if err != nil {
		return err
	}
	return wt.Reset(&git.ResetOptions{Commit: g.Head, Mode: git.HardReset})
}

// ReadFiles returns every regular file under root/dir on disk as slash
// path relative to root → content, for seeding a repository from a
// directory (the sample data/).
func ReadFiles(root, dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	return out, nil
}
