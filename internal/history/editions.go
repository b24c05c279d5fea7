package history

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"lpg/internal/calendar"
)

// TagPrefix starts the name of every edition tag: report/YYYY-MM/vN.
const TagPrefix = "report/"

// MaxEdition is the highest edition number: N has one to four digits
// (review round 4 H6: v99999999999999999999 did not fit an int, was read
// as 9223372036854775807 and the next publish overflowed).
const MaxEdition = 9999

var tagRe = regexp.MustCompile(`^report/(\d{4}-\d{2})/v([1-9]\d{0,3})$`)

// ForcedMarker is the line publish --force adds to the tag message.
const ForcedMarker = "【提前发布】"

// Edition is a published edition of a monthly report: an annotated tag
// report/YYYY-MM/vN on a commit.
type Edition struct {
	Month     calendar.Month
	N         int            // 1, 2, …
	Tag       string         // report/2026-10/v1
	Commit    *object.Commit // the tagged commit
	Published time.Time      // tagger time
	Tagger    string
	Message   string // the tag message, trimmed
	Forced    bool   // published before the report month ended (Published < Month.End(), Asia/Shanghai), whatever the message says
}

// Name is "v1", "v2", ….
func (e Edition) Name() string { return "v" + strconv.Itoa(e.N) }

// Editions lists every edition tag of the repository, sorted by month and
// number. A tag under report/ whose name does not parse (N of vN is 1 to
// MaxEdition, without leading zeros), that is not an
// annotated tag on a commit (a lightweight tag has no publisher, time or
// message: review round 3 G29), is left out and
// described in skipped (Chinese, one line per tag) so that one hand-made
// tag never blocks the site.
func (r *Repo) Editions() (eds []Edition, skipped []string, err error) {
	refs, err := r.Git.Tags()
	if err != nil {
		return nil, nil, err
	}
	var out []Edition
	err = refs.ForEach(func(ref *plumbing.Reference) error {
		name := ref.Name().Short()
		m := tagRe.FindStringSubmatch(name)
		if m == nil {
			if strings.HasPrefix(name, "report/") {
				skipped = append(skipped, fmt.Sprintf("标签 %s 的名称不是 report/YYYY-MM/vN（N 为 1 到 %d 的整数，不以 0 开头），已忽略；"+
					"请删除该标签（git tag -d %s），正式版本用 lpg publish 发布", name, MaxEdition, name))
			}
			return nil
		}
		month, err := calendar.ParseMonth(m[1])
		if err != nil {
			skipped = append(skipped, fmt.Sprintf("标签 %s 中的月份无效，已忽略", name))
			return nil
		}
		n, err := strconv.Atoi(m[2]) // at most 4 digits (tagRe): always fits
		if err != nil {
			return err
		}
		e := Edition{Month: month, N: n, Tag: name}
		h := ref.Hash()
		notCommit := func() error {
			skipped = append(skipped, fmt.Sprintf("标签 %s 没有指向一个提交，已忽略（请删除该标签，用 lpg publish 重新发布）", name))
			return nil
		}
		if tag, err := r.Git.TagObject(h); err == nil {
			c, err := tag.Commit()
			if err != nil {
				return notCommit()
			}
			e.Commit, e.Published, e.Tagger = c, tag.Tagger.When, tag.Tagger.Name
			e.Message = strings.TrimSpace(tag.Message)
		} else if errors.Is(err, plumbing.ErrObjectNotFound) {
			if _, err := r.Git.CommitObject(h); err != nil {
				return notCommit()
			}
			skipped = append(skipped, fmt.Sprintf("标签 %s 是轻量标签（没有发布人、发布时间和说明，不是 lpg publish 创建的），不作为正式版本，已忽略；"+
				"请删除该标签（git tag -d %s），用 lpg publish %s 发布", name, name, month))
			return nil
		} else {
			return notCommit()
		}
		e.Forced = e.Published.Before(month.End())
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if c := out[i].Month.Compare(out[j].Month); c != 0 {
			return c < 0
		}
		return out[i].N < out[j].N
	})
	sort.Strings(skipped)
	return out, skipped, nil
}

// Signature is the tagger of a new edition: user.name and user.email of
// the repository's git configuration (local, then global), else "lpg".
func (r *Repo) Signature(when time.Time) *object.Signature {
	sig := &object.Signature{Name: "lpg", Email: "lpg@localhost", When: when}
	for _, scope := range []config.Scope{config.LocalScope, config.GlobalScope} {
		cfg, err := r.Git.ConfigScoped(scope)
		if err != nil {
			continue
		}
		if cfg.User.Name != "" {
			sig.Name = cfg.User.Name
			if cfg.User.Email != "" {
				sig.Email = cfg.User.Email
			}
			break
		}
	}
	return sig
}

// NextEdition returns the number of the next edition of month m (1 + the
// highest existing), or an error (Chinese, for the people publishing) when
// that would exceed MaxEdition: it never overflows and never names a tag
// that Editions would ignore (review round 4 H6).
func NextEdition(eds []Edition, m calendar.Month) (int, error) {
	n := 0
	for _, e := range eds {
		if e.Month == m && e.N > n {
			n = e.N
		}
	}
	if n >= MaxEdition {
		return 0, fmt.Errorf("报告月 %s 已有第 %d 版，版本号最大为 v%d，不能再发布新版本；请检查 %s%s/ 下的标签", m, n, MaxEdition, TagPrefix, m)
	}
	return n + 1, nil
}

// CreateEdition tags commit as edition n of month m with an annotated tag
// by tagger. When a tag of that name exists — one Editions left out: a
// lightweight tag, or one not on a commit — the error says so in Chinese
// and how to remove it (review round 4 H6: go-git's "tag already exists"
// reached the user); other failures are wrapped.
func (r *Repo) CreateEdition(m calendar.Month, n int, commit plumbing.Hash, tagger *object.Signature, message string) (string, error) {
	name := fmt.Sprintf("%s%s/v%d", TagPrefix, m, n)
	_, err := r.Git.CreateTag(name, commit, &git.CreateTagOptions{Tagger: tagger, Message: message})
	if errors.Is(err, git.ErrTagExists) {
		return "", fmt.Errorf("标签 %s 已经存在，但不是有效的正式版本（轻量标签，或没有指向一个提交，见上面的警告），不能用这个名字发布：请先删除它（git tag -d %s；已推送到远端的还要 git push origin :refs/tags/%s），再运行 lpg publish %s", name, name, name, m)
	}
	if err != nil {
		return "", fmt.Errorf("创建标签 %s 失败：%w", name, err)
	}
	return name, nil
}

// Note is the tag message without the title line publish writes ("隐患处置月报
// 2026-10 第1版").
func (e Edition) Note() string {
	first, rest, _ := strings.Cut(e.Message, "\n")
	if strings.HasPrefix(first, "隐患处置月报") {
		return strings.TrimSpace(rest)
	}
	return e.Message
}

// Title is the first line of the message of edition n of month m.
func Title(m calendar.Month, n int) string {
	return fmt.Sprintf("隐患处置月报 %s 第%d版", m, n)
}
