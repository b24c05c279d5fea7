package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"lpg/internal/check"
	"lpg/internal/fault"
)

type checkCmd struct {
	c       *Command
	root    rootFlag
	base    string
	head    string
	actor   string
	format  string
	summary string
	opened  string
}

// Run checks a pull request (issue 4): the changes from the merge base of
// --base and --head, validated and judged against the ownership rule.
// A failed check is errInvalid (exit 1); a shallow clone, an unknown
// revision or a missing repository is exit 2.
func (k *checkCmd) Run(ctx context.Context, args []string) error {
	fs := newFlagSet(k.c, "check")
	k.root.register(fs)
	fs.StringVar(&k.base, "base", "", "目标分支的修订，如 origin/main（必填）")
	fs.StringVar(&k.head, "head", "HEAD", "pull request 的修订")
	fs.StringVar(&k.actor, "actor", "", "提交人的 GitHub/Gitea 账号（按 data/reference/accounts.csv 检查权限；不填则不检查）")

	fs.StringVar(&k.format, "format", "text", "输出格式：text、json、github 或 markdown")
	fs.StringVar(&k.opened, "opened-at", "", "pull request 的创建时间（forge 记录，RFC 3339；CI 中为 github.event.pull_request.created_at）：摘要中显示合并后将登记的收件时间")
	fs.StringVar(&k.summary, "summary", "", "另把 Markdown 摘要写到这个文件（供上传为 artifact 或发表 PR 评论）")
	pos, err := parseInterleaved(fs, args)
	actorGiven := false
	fs.Visit(func(f *flag.Flag) { actorGiven = actorGiven || f.Name == "actor" })
	if err == nil && actorGiven && strings.TrimSpace(k.actor) == "" {
		return usagef("--actor 为空：CI 中提交人账号没有传进来，为安全起见拒绝检查（不检查权限请不要写 --actor）")
	}
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("多余的参数 %q", pos)
	}
	if k.base == "" {
		return usagef("缺少 --base（例如 --base origin/main）")
	}
	var write func(io.Writer, *check.Report) error
	switch k.format {
	case "text":
		write = check.WriteText
	case "json":
		write = check.WriteJSON
	case "github":
		write = check.WriteGitHub
	case "markdown":
		write = check.WriteMarkdown
	default:
		return usagef("--format 只能是 text、json、github 或 markdown，而不是 %q", k.format)
	}
	var opened time.Time
	if k.opened != "" {
		if opened, err = time.Parse(time.RFC3339, k.opened); err != nil {
			return usagef("--opened-at %q 不是 RFC 3339 时间（如 2026-11-20T09:30:00+08:00）", k.opened)
		}
	}
	dir, err := k.root.fs()
	if err != nil {
		return err
	}
	// The check's own clock judges commit dates (backdating, issue 11).
	rep, err := check.Run(ctx, check.Options{Dir: dir, Base: k.base, Head: k.head, Actor: k.actor, Now: k.c.now(), OpenedAt: opened})
	if _, isFault := fault.Message(err); !isFault && (errors.Is(err, check.ErrShallow) || errors.Is(err, check.ErrRepository)) {
		return usagef("%s", strings.TrimPrefix(strings.TrimPrefix(err.Error(), "repository: "), "shallow clone: "))
	}
	if err != nil {
		return err
	}
	if err := write(k.c.Stdout, rep); err != nil {
		return err
	}
	if k.summary != "" {
		if err := writeMarkdownFile(k.root.abs(k.summary), rep, false); err != nil {
			return err
		}
	}
	// GitHub Actions (and Gitea, which ignores it) name the job-summary file.
	if p := os.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
		if err := writeMarkdownFile(p, rep, true); err != nil {
			return err
		}
	}
	if !rep.Passed {
		return errInvalid
	}
	return nil
}

func writeMarkdownFile(p string, rep *check.Report, appendTo bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if appendTo {
		flags = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	f, err := os.OpenFile(p, flags, 0o644)
	if err != nil {
		return err
	}
	if err := check.WriteMarkdown(f, rep); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", p, err)
	}
	return f.Close()
}
