package fault

import (
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"testing"
)

func TestMessage(t *testing.T) {
	const fix = "请重新克隆仓库（git clone 远程地址）后在新的克隆中重试，或从备份恢复 .git 目录。"
	obj := "0123456789abcdef0123456789abcdef01234567"
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("write site: %w", &fs.PathError{Op: "write", Path: "site/a.html", Err: syscall.ENOSPC}),
			"磁盘已满：写入 site/a.html 时失败（no space left on device）。请清理磁盘后重试。"},
		{&fs.PathError{Op: "mkdir", Path: "site/b", Err: syscall.EDQUOT},
			"磁盘已满：创建目录 site/b 时失败（disk quota exceeded）。请清理磁盘后重试。"},
		{&fs.PathError{Op: "open", Path: "data/x.csv", Err: syscall.EACCES},
			"没有权限：打开 data/x.csv 时被拒绝（permission denied）。请检查该文件及其所在目录的权限，或换用有权限的账户运行后重试。"},
		{&fs.PathError{Op: "unlinkat", Path: "site/old", Err: syscall.EPERM},
			"没有权限：删除 site/old 时被拒绝（operation not permitted）。请检查该文件及其所在目录的权限，或换用有权限的账户运行后重试。"},
		{&os.LinkError{Op: "rename", Old: ".site.tmp-1", New: "site", Err: syscall.EROFS},
			"文件系统只读：重命名 .site.tmp-1 → site 时失败（read-only file system）。请换一个可写的目录，或把磁盘重新挂载为可写后重试。"},
		{&fs.PathError{Op: "read", Path: "data/y.csv", Err: syscall.EIO},
			"磁盘读写错误：读取 data/y.csv 时失败（input/output error）。磁盘或网络存储可能有故障，请检查磁盘后重试。"},
		{fmt.Errorf("write site: %w", &fs.PathError{Op: "stat", Path: "/tmp/f/site", Err: syscall.ENOTDIR}),
			"路径中有一段是文件而不是目录：查看 /tmp/f/site 时失败（not a directory）。请删掉或改名那个文件，或换一个目录后重试。"},
		{fmt.Errorf("copy: %w", syscall.ENOSPC),
			"磁盘已满：读写文件时失败（no space left on device）。请清理磁盘后重试。"},
		{fmt.Errorf("read HEAD commit: %w", &ObjectError{Object: obj, Missing: true, Err: errors.New("object not found")}),
			"仓库损坏：缺少 git 对象 " + obj + "，仓库不完整。" + fix},
		{&ObjectError{Object: obj, Store: ".git/objects/pack/pack-1.pack", Err: fmt.Errorf("%w (object not found)", ErrNotInPack)},
			"仓库损坏：git 对象 " + obj + " 无法读取，pack 索引中有这个对象，pack 文件中却读不出来：pack 文件被截断或损坏。损坏的文件：.git/objects/pack/pack-1.pack。" + fix},
		{&fs.PathError{Op: "read", Path: "data/z.csv", Err: &ObjectError{Object: obj, Path: "data/z.csv", Commit: obj, Err: zlib.ErrChecksum}},
			"仓库损坏：git 对象 " + obj + "（data/z.csv 的内容，提交 0123456789ab）无法读取，压缩数据校验失败（zlib: invalid checksum）。" + fix},
		{&ObjectError{Object: obj, Err: io.ErrUnexpectedEOF},
			"仓库损坏：git 对象 " + obj + " 无法读取，文件被截断（unexpected EOF）。" + fix},
		{&ObjectError{Object: obj, Err: errors.New("malformed pack file signature")},
			"仓库损坏：git 对象 " + obj + " 无法读取，数据已损坏（malformed pack file signature）。" + fix},
	} {
		got, ok := Message(c.err)
		if !ok || got != c.want {
			t.Errorf("Message(%v) =\n%q, %v\nwant\n%q", c.err, got, ok, c.want)
		}
	}
	for _, err := range []error{nil, errors.New("other"), &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}} {
		if got, ok := Message(err); ok {
			t.Errorf("Message(%v) = %q, want none", err, got)
		}
	}
}
