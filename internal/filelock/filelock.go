// Package filelock holds an exclusive, advisory lock on a file that the
// operating system releases when the process ends, however it ends (a
// killed build included): flock(2) on Unix, LockFileEx on Windows. lpg
// uses it to tell the temporary folders of a running build from those a
// killed build left behind. It depends on nothing in lpg.
package filelock

import (
	"errors"
	"os"
)

// ErrLocked means another open file — in this process or another — holds
// the lock.
var ErrLocked = errors.New("file is locked by a running process")

// TryLock takes the exclusive lock on f without waiting: ErrLocked when
// someone else holds it. Closing f releases the lock.
func TryLock(f *os.File) error { return tryLock(f) }
