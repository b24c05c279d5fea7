package history

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"lpg/internal/fault"
)

// objectStore is the repository's object storage in which every failed
// object read becomes a *fault.ObjectError naming the object and the file
// that holds it (a loose object or a pack), so that a damaged repository
// is reported as such, in Chinese, instead of as “zlib: invalid header”.
// The first fault is also kept: go-git turns some failures into other
// errors (a revision whose commit cannot be read “does not exist”), and
// Fault lets the caller tell the user what really happened.
//
// A type mismatch (go-git asks for a commit and finds a tag: “not found”
// by design) is not a fault and is passed on unchanged.
type objectStore struct {
	*filesystem.Storage
	dot    billy.Filesystem // the .git directory (objects/ resolves to the common directory)
	common string           // the common git directory
	shown  string           // how that directory is named to the user: ".git" or an absolute path

	mu    sync.Mutex
	first *fault.ObjectError
}

// EncodedObject reads object h of type t.
func (s *objectStore) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	obj, err := s.Storage.EncodedObject(t, h)
	if err == nil {
		return obj, nil
	}
	if errors.Is(err, plumbing.ErrObjectNotFound) && t != plumbing.AnyObject {
		_, anyErr := s.Storage.EncodedObject(plumbing.AnyObject, h)
		if anyErr == nil {
			return nil, err // an object of another type
		}
		err = anyErr
	}
	return nil, s.fault(h, err)
}

// EncodedObjectSize returns the size of object h.
func (s *objectStore) EncodedObjectSize(h plumbing.Hash) (int64, error) {
	n, err := s.Storage.EncodedObjectSize(h)
	if err != nil {
		return 0, s.fault(h, err)
	}
	return n, nil
}

// fault records and returns the failure to read object h. An error that
// already is a fault passes through.
func (s *objectStore) fault(h plumbing.Hash, err error) error {
	var oe *fault.ObjectError
	if errors.As(err, &oe) {
		return err
	}
	oe = &fault.ObjectError{Object: h.String(), Err: err}
	oe.Store = s.locate(h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		if oe.Store == "" {
			oe.Missing = true
		} else {
			oe.Err = fmt.Errorf("%w (%w)", fault.ErrNotInPack, err)
		}
	}
	s.mu.Lock()
	if s.first == nil {
		cp := *oe
		s.first = &cp
	}
	s.mu.Unlock()
	return oe
}

// Fault returns the first object the repository failed to read, nil when
// every read succeeded.
func (s *objectStore) Fault() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.first == nil {
		return nil
	}
	cp := *s.first
	return &cp
}

// locate names the file that holds object h: its loose object file, or
// the pack whose index lists it; "" when neither has it.
func (s *objectStore) locate(h plumbing.Hash) string {
	hex := h.String()
	loose := path.Join("objects", hex[:2], hex[2:])
	if _, err := s.dot.Stat(loose); err == nil {
		return s.shown + "/" + loose
	}
	ents, err := s.dot.ReadDir("objects/pack")
	if err != nil {
		return ""
	}
	for _, e := range ents {
		name, ok := strings.CutSuffix(e.Name(), ".idx")
		if !ok || !strings.HasPrefix(name, "pack-") {
			continue
		}
		if s.indexHas(path.Join("objects/pack", e.Name()), h) {
			return s.shown + "/objects/pack/" + name + ".pack"
		}
	}
	return ""
}

func (s *objectStore) indexHas(idx string, h plumbing.Hash) bool {
	f, err := s.dot.Open(idx)
	if err != nil {
		return false
	}
	defer f.Close()
	mi := idxfile.NewMemoryIndex()
	if err := idxfile.NewDecoder(f).Decode(mi); err != nil {
		return false
	}
	ok, err := mi.Contains(h)
	return err == nil && ok
}

// atCommit notes in an object fault that it happened while reading commit
// c (unless it names a commit already) and returns err.
func atCommit(err error, c plumbing.Hash) error {
	var oe *fault.ObjectError
	if errors.As(err, &oe) && oe.Commit == "" && oe.Object != c.String() {
		oe.Commit = c.String()
	}
	return err
}

// inFile notes in an object fault that the object is the content of the
// lpg file p (unless it names one already) and returns err.
func inFile(err error, p string) error {
	var oe *fault.ObjectError
	if errors.As(err, &oe) && oe.Path == "" {
		oe.Path = p
	}
	return err
}
