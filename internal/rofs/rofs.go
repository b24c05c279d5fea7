// Package rofs holds the pieces every read-only, in-memory fs.FS of lpg
// needs: file information, a file backed by bytes, and a directory whose
// entries are listed on first read. history's tree fs.FS (Repo.FS and
// Repo.TreeFS: a commit's tree or any set of its entries, which
// repository.Repo.Tree and At hand out) and validate.WithFile (one file
// laid over a repository, repository.View.With) are built from them. It
// depends on nothing in lpg.
package rofs

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"time"
)

// info is the fs.FileInfo of a read-only file (mode 0444) or directory
// (0555); it has no modification time.
type info struct {
	name string
	size int64
	dir  bool
	mode fs.FileMode // type bits of a symbolic link or gitlink entry
}

// FileInfo describes a regular file called name of size bytes.
func FileInfo(name string, size int64) fs.FileInfo { return info{name: name, size: size} }

// SpecialInfo describes an entry that is not a regular file: a symbolic
// link (fs.ModeSymlink) or a git submodule (fs.ModeIrregular). Readers
// list it so that it can be reported, and refuse to read it.
func SpecialInfo(name string, typ fs.FileMode) fs.FileInfo {
	return info{name: name, mode: typ & fs.ModeType}
}

// DirInfo describes a directory called name.
func DirInfo(name string) fs.FileInfo { return info{name: name, dir: true} }

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return i.size }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return i.mode | 0o444
}
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }

// File returns an open file reading data; name is its path (the base name
// is what Stat reports).
func File(name string, data []byte) fs.File {
	return &file{info: info{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}
}

type file struct {
	info info
	r    *bytes.Reader
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *file) Close() error               { return nil }

// Dir returns an open directory called name (its path) whose entries are
// read by list on the first ReadDir; ReadDir follows the fs.ReadDirFile
// contract (n > 0: at most n entries, then io.EOF; n ≤ 0: all the rest).
func Dir(name string, list func() ([]fs.DirEntry, error)) fs.ReadDirFile {
	return &dir{name: name, list: list}
}

type dir struct {
	name    string
	list    func() ([]fs.DirEntry, error)
	entries []fs.DirEntry
	read    bool
	off     int
}

func (d *dir) Stat() (fs.FileInfo, error) { return DirInfo(path.Base(d.name)), nil }
func (d *dir) Close() error               { return nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		l, err := d.list()
		if err != nil {
			return nil, err
		}
		d.entries, d.read = l, true
	}
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
