// Package fault turns the repository and disk failures a user can meet —
// a corrupt or missing git object, a full disk, a denied permission, a
// read-only file system, an I/O error — into one Chinese sentence that
// names the object or file and says how to fix it. The commands print it
// and exit with code 2 (usage, repository or I/O error).
//
// It holds ObjectError, which package history fills in for every git
// object it cannot read, and Message, which reads an error chain. It
// depends on the standard library only.
package fault

import (
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// ObjectError is a git object that could not be read.
type ObjectError struct {
	Object  string // hexadecimal hash of the object
	Missing bool   // the repository does not have it at all
	Store   string // the file holding it: a loose object or a pack ("" unknown)
	Path    string // the lpg file whose content it is ("" unknown or not a blob)
	Commit  string // the commit being read ("" unknown)
	Err     error
}

func (e *ObjectError) Error() string {
	s := "git object " + e.Object
	if e.Path != "" {
		s += " (" + e.Path + ")"
	}
	if e.Store != "" {
		s += " in " + e.Store
	}
	return s + ": " + e.Err.Error()
}

func (e *ObjectError) Unwrap() error { return e.Err }

// ErrNotInPack is the cause of an ObjectError whose object the pack index
// lists but the pack file does not hold where the index says (a truncated
// or overwritten pack).
var ErrNotInPack = errors.New("object listed in the pack index but not readable from the pack")

// reinstall is the fix for a damaged repository.
const reinstall = "请重新克隆仓库（git clone 远程地址）后在新的克隆中重试，或从备份恢复 .git 目录"

// Message returns the Chinese message for err when its chain holds a
// repository or disk failure, and false otherwise (the caller then prints
// err as it is).
func Message(err error) (string, bool) {
	if err == nil {
		return "", false
	}
	var oe *ObjectError
	if errors.As(err, &oe) {
		return objectMessage(oe), true
	}
	path, op := place(err)
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Sprintf("磁盘已满：%s失败（%s）。请清理磁盘后重试。", where(op, path), cause(err)), true
	case errors.Is(err, syscall.EROFS):
		return fmt.Sprintf("文件系统只读：%s失败（%s）。请换一个可写的目录，或把磁盘重新挂载为可写后重试。", where(op, path), cause(err)), true
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("没有权限：%s被拒绝（%s）。请检查该文件及其所在目录的权限，或换用有权限的账户运行后重试。", where(op, path), cause(err)), true
	case errors.Is(err, syscall.ENOTDIR):
		return fmt.Sprintf("路径中有一段是文件而不是目录：%s失败（%s）。请删掉或改名那个文件，或换一个目录后重试。", where(op, path), cause(err)), true
	case errors.Is(err, syscall.EIO):
		return fmt.Sprintf("磁盘读写错误：%s失败（%s）。磁盘或网络存储可能有故障，请检查磁盘后重试。", where(op, path), cause(err)), true
	}
	return "", false
}

// Explain is Message(err) when there is one, else err's own text: what a
// command prints for an error (lpg's cli, buildcache's warnings).
func Explain(err error) string {
	if msg, ok := Message(err); ok {
		return msg
	}
	return err.Error()
}

func objectMessage(e *ObjectError) string {
	what := "git 对象 " + e.Object
	var ctx []string
	if e.Path != "" {
		ctx = append(ctx, e.Path+" 的内容")
	}
	if e.Commit != "" {
		ctx = append(ctx, "提交 "+short(e.Commit))
	}
	if len(ctx) > 0 {
		what += "（" + strings.Join(ctx, "，") + "）"
	}
	if e.Missing {
		return fmt.Sprintf("仓库损坏：缺少 %s，仓库不完整。%s。", what, reinstall)
	}
	if len(ctx) == 0 {
		what += " "
	}
	s := fmt.Sprintf("仓库损坏：%s无法读取，%s。", what, reason(e.Err))
	if e.Store != "" {
		s += "损坏的文件：" + e.Store + "。"
	}
	return s + reinstall + "。"
}

// reason says in Chinese why an object could not be read, with go-git's
// words in parentheses when they add something. go-git reports a damaged
// loose object as text (“zlib reading error: zlib: invalid header”), so
// the zlib and flate errors are recognised by their text as well.
func reason(err error) string {
	msg := err.Error()
	has := func(target error) bool { return errors.Is(err, target) || strings.Contains(msg, target.Error()) }
	var ce flate.CorruptInputError
	switch {
	case errors.Is(err, ErrNotInPack):
		return "pack 索引中有这个对象，pack 文件中却读不出来：pack 文件被截断或损坏"
	case has(zlib.ErrChecksum):
		return "压缩数据校验失败（" + msg + "）"
	case has(zlib.ErrHeader):
		return "压缩数据头无效（" + msg + "）"
	case errors.As(err, &ce), strings.Contains(msg, "flate: corrupt input"):
		return "压缩数据已损坏（" + msg + "）"
	case has(io.ErrUnexpectedEOF):
		return "文件被截断（" + msg + "）"
	}
	return "数据已损坏（" + msg + "）"
}

// place finds the file an error is about and the operation that failed.
func place(err error) (path, op string) {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Path, pe.Op
	case errors.As(err, &le):
		return le.Old + " → " + le.New, le.Op
	}
	return "", ""
}

// where says what was being done to which file, as in “写入 site/x.html 时”.
func where(op, path string) string {
	verb := map[string]string{
		"open": "打开", "read": "读取", "write": "写入", "mkdir": "创建目录", "mkdirtemp": "创建临时目录",
		"createtemp": "创建临时文件", "rename": "重命名", "remove": "删除", "unlinkat": "删除", "stat": "查看",
		"lstat": "查看", "readdirent": "读取目录", "readdir": "读取目录", "chmod": "修改权限", "sync": "写入",
		"close": "写入", "truncate": "写入", "link": "链接", "symlink": "创建链接",
	}[op]
	switch {
	case path == "":
		return "读写文件时"
	case verb == "":
		return "处理 " + path + " 时"
	}
	return verb + " " + path + " 时"
}

// cause is the operating system's own words (errno text), for whoever
// looks further.
func cause(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
