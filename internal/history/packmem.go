package history

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/go-git/go-billy/v5"
)

// maxMemPack is the largest pack file read into memory whole. A data
// repository of CSV files packs to a few megabytes; reading its pack once
// instead of seeking and reading it thousands of times through system
// calls makes the receipt-time pass about a quarter faster.
const maxMemPack = 256 << 20

// packMemFS is the .git file system with pack files served from memory.
type packMemFS struct{ billy.Filesystem }

func (f packMemFS) Open(name string) (billy.File, error) {
	file, err := f.Filesystem.Open(name)
	if err != nil || !strings.HasSuffix(name, ".pack") {
		return file, err
	}
	st, err := f.Filesystem.Stat(name)
	if err != nil || st.Size() > maxMemPack {
		return file, nil
	}
	defer file.Close()
	b, err := io.ReadAll(file)
	if err != nil {
		return nil, err
	}
	return &memFile{name: file.Name(), Reader: bytes.NewReader(b)}, nil
}

// memFile is a read-only billy.File over bytes.
type memFile struct {
	name string
	*bytes.Reader
}

var errReadOnly = errors.New("read-only pack")

func (m *memFile) Name() string              { return m.name }
func (m *memFile) Write([]byte) (int, error) { return 0, errReadOnly }
func (m *memFile) Close() error              { return nil }
func (m *memFile) Lock() error               { return nil }
func (m *memFile) Unlock() error             { return nil }
func (m *memFile) Truncate(int64) error      { return errReadOnly }
