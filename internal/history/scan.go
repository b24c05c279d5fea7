package history

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"lpg/internal/layout"
	"lpg/internal/rowdiff"
)

// Index is what one pass over the first-parent chain of a commit tells
// about the files under data/: when each path first existed (its receipt
// time) and every commit of the chain that changed it. Paths are relative
// to the lpg root (data/hazards/2026-10/E01.csv). An Index is immutable.
type Index struct {
	repo   *Repo
	chain  []chainCommit         // oldest first; chain[len-1] is the scanned commit
	pos    map[plumbing.Hash]int // commit → index in chain
	first  map[string]int        // path → chain index of the oldest commit in which it exists
	revs   map[string][]change   // path → its changes, oldest first
	limit  int                   // only chain[:limit+1] counts (views from At)
	commit plumbing.Hash
}

type chainCommit struct {
	hash   plumbing.Hash
	tree   plumbing.Hash
	when   time.Time // committer time
	author string
}

// change is one commit's change of one path: its blob before and after
// (zero when the path did not exist on that side).
type change struct {
	at       int
	old, new plumbing.Hash
}

// Scan walks the first-parent chain of commit once, oldest first, diffing
// the data/ tree of each commit against that of its first parent (equal
// subtrees are skipped by hash), so the cost grows with the number of
// commits and the files they touch, not with commits × files. A merge
// commit counts as the commit that brought the merged files onto the chain.
func (r *Repo) Scan(commit plumbing.Hash) (*Index, error) {
	var chain []chainCommit
	for h := commit; !h.IsZero(); {
		c, err := r.Git.CommitObject(h)
		if err != nil {
			return nil, fmt.Errorf("read commit %s: %w", h, err)
		}
		chain = append(chain, chainCommit{hash: c.Hash, tree: c.TreeHash, when: c.Committer.When, author: c.Author.Name})
		h = plumbing.ZeroHash
		if len(c.ParentHashes) > 0 {
			h = c.ParentHashes[0]
		}
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	ix := &Index{repo: r, chain: chain, pos: make(map[plumbing.Hash]int, len(chain)),
		first: map[string]int{}, revs: map[string][]change{}, limit: len(chain) - 1, commit: commit}
	d := &differ{r: r, trees: map[plumbing.Hash]*object.Tree{}}
	prev := plumbing.ZeroHash
	dataDir := r.prefix + layout.DataDir
	for i, cc := range chain {
		ix.pos[cc.hash] = i
		cur, err := d.subtree(cc.tree, dataDir)
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", cc.hash, atCommit(err, cc.hash))
		}
		var blobErr error
		err = d.diff(prev, cur, layout.DataDir, func(p string, o, n plumbing.Hash) {
			if _, ok := ix.first[p]; !ok && !n.IsZero() {
				if ok, err := r.received(p, n); err != nil {
					blobErr = fmt.Errorf("%s: %w", p, inFile(err, p))
				} else if ok {
					ix.first[p] = i
				}
			}
			ix.revs[p] = append(ix.revs[p], change{at: i, old: o, new: n})
		})
		if err == nil {
			err = blobErr
		}
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", cc.hash, atCommit(err, cc.hash))
		}
		prev = cur
		if len(d.trees) > 4096 { // keep memory bounded; unchanged subtrees of the last commits stay hot
			d.trees = map[plumbing.Hash]*object.Tree{}
		}
	}
	return ix, nil
}

// Commit is the commit the index was scanned (or viewed) at.
func (ix *Index) Commit() string { return ix.chain[ix.limit].hash.String() }

// Latest is the latest committer time on the scanned first-parent chain
// up to the scanned commit that is not after notAfter (zero: no bound),
// and the hash of that commit: the scanned commit's own time unless a
// commit dated before one of its ancestors (a clock set back, a
// backdated fast-forward; review round 4, H7) was made later. lpg build
// bounds it by now so that a commit dated in the future cannot hold the
// site's as_of there (review round 5, K1).
func (ix *Index) Latest(notAfter time.Time) (time.Time, string) {
	var t time.Time
	var h plumbing.Hash
	for _, c := range ix.chain[:ix.limit+1] {
		if c.when.After(t) && (notAfter.IsZero() || !c.when.After(notAfter)) {
			t, h = c.when, c.hash
		}
	}
	return t, h.String()
}

// At returns the index as it was at commit h when h is on the scanned
// first-parent chain (then h's own chain is a prefix of it); ok is false
// otherwise.
func (ix *Index) At(h plumbing.Hash) (*Index, bool) {
	i, ok := ix.pos[h]
	if !ok || i > ix.limit {
		return nil, false
	}
	v := *ix
	v.limit = i
	v.commit = h
	return &v, true
}

// OnChain reports whether commit (a full hash, as text) is on the
// first-parent chain of the index's commit (validate.Options.MainLine: the
// update lines of receipts.csv name one). A malformed hash is not.
func (ix *Index) OnChain(commit string) bool {
	if len(commit) != 40 {
		return false
	}
	_, ok := ix.At(plumbing.NewHash(commit))
	return ok
}

// received reports whether blob h of path counts as received
// (rowdiff.Received): only a 汇总表's blob is read, to see whether it has a
// filled row (整改状态 not empty); every other file counts from its first
// version.
func (r *Repo) received(path string, h plumbing.Hash) (bool, error) {
	if k, ok := layout.KindOf(path); !ok || k != layout.Rectifications {
		return true, nil
	}
	b, err := r.blob(h)
	if err != nil {
		return false, err
	}
	return rowdiff.Received(path, b), nil
}

// ReceivedAt is the committer time of the oldest commit on the chain in
// which path exists (DESIGN.md "Time") — for a 汇总表, in which it has a
// filled row (rowdiff.Received: a header-only 汇总表 or an untouched
// 预填汇总表 is no submission); ok is
// false when it never existed there. It implements loop.Receipts.
func (ix *Index) ReceivedAt(path string) (time.Time, bool) {
	i, ok := ix.first[path]
	if !ok || i > ix.limit {
		return time.Time{}, false
	}
	return ix.chain[i].when, true
}

// FirstVersionAt is the committer time of the oldest commit on the chain
// in which path exists, whatever it holds — for a 汇总表 also a version
// without a filled row, which ReceivedAt does not count; ok is false when
// it never existed there. It implements loop.FirstVersions (review round
// 4 H9: the 汇总表 of a town whose hazards were all closed on the spot).
func (ix *Index) FirstVersionAt(path string) (time.Time, bool) {
	for _, c := range ix.revs[path] {
		if c.at > ix.limit {
			break
		}
		if !c.new.IsZero() {
			return ix.chain[c.at].when, true
		}
	}
	return time.Time{}, false
}

// Paths lists every path that existed on the chain, in no order.
func (ix *Index) Paths() []string {
	out := make([]string, 0, len(ix.first))
	for p, i := range ix.first {
		if i <= ix.limit {
			out = append(out, p)
		}
	}
	return out
}

// differ diffs trees by hash, caching decoded trees.
type differ struct {
	r     *Repo
	trees map[plumbing.Hash]*object.Tree
}

func (d *differ) tree(h plumbing.Hash) (*object.Tree, error) {
	if t, ok := d.trees[h]; ok {
		return t, nil
	}
	t, err := object.GetTree(d.r.st, h)
	if err != nil {
		return nil, err
	}
	d.trees[h] = t
	return t, nil
}

// subtree returns the hash of the tree at dir (slash path) inside the tree
// root, or the zero hash when there is none.
func (d *differ) subtree(root plumbing.Hash, dir string) (plumbing.Hash, error) {
	h := root
	for _, name := range strings.Split(dir, "/") {
		t, err := d.tree(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		h = plumbing.ZeroHash
		for _, e := range t.Entries {
			if e.Name == name && e.Mode == filemode.Dir {
				h = e.Hash
				break
			}
		}
		if h.IsZero() {
			return h, nil
		}
	}
	return h, nil
}

// diff calls fn for every file below dir whose blob differs between the
// trees a and b (either may be zero: empty). Entries are merged in git's
// tree order (a directory sorts as its name followed by "/").
func (d *differ) diff(a, b plumbing.Hash, dir string, fn func(path string, old, new plumbing.Hash)) error {
	if a == b {
		return nil
	}
	var ea, eb []object.TreeEntry
	if !a.IsZero() {
		t, err := d.tree(a)
		if err != nil {
			return err
		}
		ea = t.Entries
	}
	if !b.IsZero() {
		t, err := d.tree(b)
		if err != nil {
			return err
		}
		eb = t.Entries
	}
	var zero object.TreeEntry
	for i, j := 0, 0; i < len(ea) || j < len(eb); {
		var x, y *object.TreeEntry
		switch {
		case j == len(eb):
			x = &ea[i]
		case i == len(ea):
			y = &eb[j]
		default:
			switch c := compareEntries(&ea[i], &eb[j]); {
			case c < 0:
				x = &ea[i]
			case c > 0:
				y = &eb[j]
			default:
				x, y = &ea[i], &eb[j]
			}
		}
		if x != nil {
			i++
		} else {
			x = &zero
		}
		if y != nil {
			j++
		} else {
			y = &zero
		}
		if x.Hash == y.Hash && x.Mode == y.Mode {
			continue
		}
		name := x.Name
		if name == "" {
			name = y.Name
		}
		if err := d.entry(dir+"/"+name, x, y, fn); err != nil {
			return err
		}
	}
	return nil
}

// entry reports the change of one name from x to y (either may be the
// zero entry: absent).
func (d *differ) entry(p string, x, y *object.TreeEntry, fn func(path string, old, new plumbing.Hash)) error {
	var oldFile, newFile, oldDir, newDir plumbing.Hash
	switch x.Mode {
	case filemode.Dir:
		oldDir = x.Hash
	case filemode.Empty, filemode.Submodule:
	default:
		oldFile = x.Hash
	}
	switch y.Mode {
	case filemode.Dir:
		newDir = y.Hash
	case filemode.Empty, filemode.Submodule:
	default:
		newFile = y.Hash
	}
	if oldFile != newFile {
		fn(p, oldFile, newFile)
	}
	if oldDir != newDir {
		return d.diff(oldDir, newDir, p, fn)
	}
	return nil
}

// compareEntries orders tree entries as git stores them.
func compareEntries(a, b *object.TreeEntry) int {
	an, bn := a.Name, b.Name
	n := min(len(an), len(bn))
	if c := strings.Compare(an[:n], bn[:n]); c != 0 {
		return c
	}
	ac, bc := nextByte(an, n, a.Mode), nextByte(bn, n, b.Mode)
	switch {
	case ac < bc:
		return -1
	case ac > bc:
		return 1
	}
	// same name: a file and a directory of one name compare equal here only
	// when both are of the same kind; otherwise the "/" decided above.
	return 0
}

func nextByte(name string, n int, mode filemode.FileMode) byte {
	if n < len(name) {
		return name[n]
	}
	if mode == filemode.Dir {
		return '/'
	}
	return 0
}
