// Package cli implements the lpg command line: one type per subcommand,
// each with its own flag set, and Main, which dispatches and turns errors
// into the exit codes of DESIGN.md "CLI". Only this package and cmd/lpg
// know about flags, standard streams and exit codes.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"lpg/internal/diag"
	"lpg/internal/fault"
	"lpg/internal/render"
	"lpg/internal/repository"
	"lpg/internal/validate"
)

// Exit codes (DESIGN.md "CLI").
const (
	ExitOK      = 0 // success
	ExitInvalid = 1 // data invalid, or a check failed
	ExitFailure = 2 // usage, repository or I/O error
)

// Command is the lpg program with its standard streams.
type Command struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Now is the clock (nil: time.Now). Only publish (has the report month
	// ended?) and a build outside git without --as-of read it.
	Now func() time.Time

	// writeFile puts each file of a built site on disk (nil: os.WriteFile);
	// tests make it fail as a full disk does.
	writeFile render.WriteFileFunc
	// DefaultCache is the persistent cache (buildcache) of lpg build and
	// lpg serve when neither --cache nor --no-cache is given: the
	// directory, "" for none. The lpg command sets DefaultCacheDir; nil
	// (tests) is none, so that a test never reads or fills the cache of
	// the user running it.
	DefaultCache func() (string, error)

	// cache keeps the per-file work of validation between the builds of
	// one lpg serve (nil: none).
	cache *validate.Cache
}

func (c *Command) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// errInvalid is returned by a subcommand whose data is invalid (exit 1);
// the diagnostics have been printed already.
var errInvalid = errors.New("data invalid")

// usageError is a mistake in the command line (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

type subcommand interface {
	Run(ctx context.Context, args []string) error
}

// Main runs lpg with args (os.Args) and returns the exit code.
func (c *Command) Main(args []string) int {
	args = hoistCommonFlags(args)
	if len(args) < 2 {
		c.help()
		return ExitFailure
	}
	var sub subcommand
	switch args[1] {
	case "validate":
		sub = &validateCmd{c: c}
	case "build":
		sub = &buildCmd{c: c}
	case "serve":
		sub = &serveCmd{c: c}
	case "import":
		sub = &importCmd{c: c}
	case "template":
		sub = &templateCmd{c: c}
	case "check":
		sub = &checkCmd{c: c}
	case "owners":
		sub = &ownersCmd{c: c}
	case "publish":
		sub = &publishCmd{c: c}
	case "receipt":
		sub = &receiptCmd{c: c}
	case "help", "-h", "--help", "-help":
		if len(args) > 2 {
			return c.helpCodes(args[2])
		}
		c.help()
		return ExitOK
	default:
		fmt.Fprintf(c.Stderr, "lpg: 未知的子命令 %q\n\n", args[1])
		c.help()
		return ExitFailure
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := sub.Run(ctx, args[2:])
	var ue *usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errInvalid):
		return ExitInvalid
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(c.Stderr, "lpg %s: %s\n", args[1], ue.msg)
		return ExitFailure
	default:
		fmt.Fprintf(c.Stderr, "lpg %s: %s\n", args[1], explain(err))
		return ExitFailure
	}
}

// explain is what the user reads about a failure: the Chinese message of a
// repository or disk fault (package fault), else the error itself.
func explain(err error) string { return fault.Explain(err) }

func (c *Command) help() {
	fmt.Fprint(c.Stdout, `lpg — 青浦区瓶装液化石油气安全隐患闭环管理工具

用法：
  lpg validate [--root DIR] [--format text|json|github] [PATH…]   校验 data/ 下的全部或指定文件
  lpg build    [--root DIR] [--out DIR] [--as-of RFC3339] [--internal] [--base-url URL] [--cache DIR | --no-cache]
                                                                  校验后生成静态网站（含各正式版本、feed.xml、sitemap.xml；
                                                                  已发布版本默认缓存在 $LPG_CACHE_DIR 或 ~/.cache/lpg-build）
  lpg serve    [--root DIR] [--addr 127.0.0.1:8080] [--internal] [--cache DIR | --no-cache]
                                                                  本地预览网站，data/ 变化时自动重建
  lpg import   文件(.xlsx|.csv|.txt) --form hazards|rectifications|inspections [--month YYYY-MM] [--submitter ID]
               [--sheet 工作表] [--replace] [--received-at RFC3339] [--channel email]
                                                                  读取、在整个仓库中校验后写入 data/ 下的规范 CSV（可同时登记代报收件时间）
  lpg template hazards|rectifications|inspections [--root DIR] [--out 文件.xlsx] [--town 街镇代码]
               生成带下拉列表的 Excel 填报模板（在仓库根目录或其子目录中运行时不需要 --root；
               --out 默认写到当前目录）
  lpg check    --base REV [--head REV] [--actor ACCOUNT] [--format text|json|github|markdown] [--summary FILE]
               检查 pull request：改动的文件、校验、提交权限（不需要 git 程序）
  lpg owners   [--root DIR] [--check]   由 data/reference/accounts.csv 生成 .github/CODEOWNERS 和 docs/CODEOWNERS
  lpg publish  YYYY-MM [--root DIR] [--message 说明] [--force] [--branch 主线分支]
               把 HEAD 发布为该月月报的下一个正式版本（标签 report/YYYY-MM/vN；HEAD 须在主线 origin/main 或 main 上）
  lpg receipt  --pr-json FILE --base REV [--head REV]   发布工作流用：按 forge 记录的 pull request 创建时间在 data/receipts.csv 登记收件时间

  lpg help     [codes | 诊断代码]     列出全部诊断代码，或说明一个代码（如 lpg help phone.format）

通用参数 --root DIR：数据仓库目录（默认当前目录）；PATH 与相对的 --out 都相对于它。
退出码：0 成功；1 数据有误（或检查未通过）；2 用法、仓库或读写错误。
`)
}

// helpCodes prints the catalogue of diagnostic codes (what "codes"), or
// the entry of one code.
func (c *Command) helpCodes(what string) int {
	if what == "codes" {
		for _, e := range diag.Catalogue {
			fmt.Fprintf(c.Stdout, "%s\t%s（%s）\n", e.Code, e.Message, e.Hint)
		}
		return ExitOK
	}
	e, ok := diag.Lookup(what)
	if !ok {
		fmt.Fprintf(c.Stderr, "lpg help: 没有诊断代码 %q（lpg help codes 列出全部代码）\n", what)
		return ExitFailure
	}
	fmt.Fprintf(c.Stdout, "%s：%s\n怎样改正：%s\n", what, e.Message, e.Hint)
	return ExitOK
}

// parseInterleaved parses args with fs, allowing flags after positional
// arguments (lpg validate data/x.csv --format json).
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%s（运行 lpg help 查看用法）", flagError(err))
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func newFlagSet(c *Command, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("lpg "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, in Chinese, by parseInterleaved
	fs.Usage = func() { c.help() }
	return fs
}

// flagError translates the flag package's messages.
func flagError(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return "不认识的参数 " + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "参数 " + strings.TrimPrefix(msg, "flag needs an argument: ") + " 缺少取值"
	case strings.HasPrefix(msg, "invalid boolean value"), strings.HasPrefix(msg, "invalid value"):
		return "参数取值不对：" + msg
	}
	return msg
}

// rootFlag is the common --root flag.
type rootFlag struct{ dir string }

func (r *rootFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&r.dir, "root", ".", "数据仓库目录（含 data/）")
}

// abs returns p resolved against the root (absolute paths stay).
func (r *rootFlag) abs(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(r.dir, p)
}

// rel returns p as a slash path relative to the root, or an error when it
// lies outside it.
func (r *rootFlag) rel(p string) (string, error) {
	root, err := filepath.Abs(r.dir)
	if err != nil {
		return "", err
	}
	ap := p
	if !filepath.IsAbs(p) {
		ap = filepath.Join(root, p)
	}
	rel, err := filepath.Rel(root, ap)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", usagef("路径 %q 不在数据仓库 %q 之内", p, r.dir)
	}
	return filepath.ToSlash(rel), nil
}

// open opens the data repository at the root (repository.Open): the one
// way a command reads it. Close it when done.
func (r *rootFlag) open() (*repository.Repo, error) {
	dir, err := r.fs()
	if err != nil {
		return nil, err
	}
	return repository.Open(dir)
}

func (r *rootFlag) fs() (string, error) {
	st, err := os.Stat(r.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", usagef("数据仓库目录 %q 不存在", r.dir)
	case err != nil:
		return "", err // Main prints it through fault's Chinese message
	case !st.IsDir():
		return "", usagef("数据仓库目录 %q 是一个文件，不是目录：--root 请给数据仓库的根目录（其中有 data/）", r.dir)
	}
	return r.dir, nil
}

// hoistCommonFlags lets the common flag --root come before the subcommand
// (lpg --root DIR validate), as `git -C DIR` does, by moving it after it.
func hoistCommonFlags(args []string) []string {
	var common []string
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		if name == "root" && i+1 < len(args) {
			common = append(common, a, args[i+1])
			i += 2
			continue
		}
		if strings.HasPrefix(name, "root=") {
			common = append(common, a)
			i++
			continue
		}
		break
	}
	if len(common) == 0 || i >= len(args) {
		return args
	}
	out := append([]string{args[0], args[i]}, common...)
	return append(out, args[i+1:]...)
}
