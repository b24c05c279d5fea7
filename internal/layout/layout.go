// Package layout is the single grammar of an lpg data repository
// (DESIGN.md "Layout"): where each kind of file lives, what a month folder,
// a submission file name, a hazard id and an account role look like. Each
// has one parser returning a typed value, or an *Error carrying the
// diagnostic code and the Chinese message and hint shown to submitters,
// and one formatter. No other package builds or parses a data path by
// hand.
//
// It depends on calendar only; it does no I/O.
package layout

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"lpg/internal/calendar"
)

// Paths of the repository (slash-separated, relative to the lpg root).
const (
	DataDir           = "data"
	ReferenceDir      = "data/reference"
	HazardsDir        = "data/hazards"
	RectificationsDir = "data/rectifications"
	InspectionsDir    = "data/inspections"
	MeetingsDir       = "data/meetings"
	LiaisonsFile      = "data/liaisons.csv"
	ReceiptsFile      = "data/receipts.csv"
	AccountsFile      = "data/reference/accounts.csv"
	TownsFile         = "data/reference/towns.csv"
	VillagesFile      = "data/reference/villages.csv"
	HazardTypesFile   = "data/reference/hazard_types.csv"
	EnterprisesFile   = "data/reference/enterprises.csv"
	DepartmentsFile   = "data/reference/departments.csv" // issue 13, optional
	MastheadFile      = "data/report.md"                 // the 月报's title, issuer and 期号 (package masthead)
	TemplatesDir      = "templates"                      // the site's template overrides (package render)
)

// Kind is the form of a submitted file. Its value is the form name of
// package form and the folder under data/.
type Kind string

// Kinds of submitted files.
const (
	Hazards        Kind = "hazards"        // 排查表, one per enterprise and inspection month
	Rectifications Kind = "rectifications" // 汇总表, one per town and hazard month
	Inspections    Kind = "inspections"    // 入户安检量表, one per enterprise and inspection month (issue 13)
)

// Kinds lists every kind of submitted file.
var Kinds = []Kind{Hazards, Rectifications, Inspections}

// Dir returns the folder of the kind's files, data/<kind>.
func (k Kind) Dir() string { return DataDir + "/" + string(k) }

// Error is a violation of the layout: a diagnostic code (part of the JSON
// contract, see package diag's catalogue), a Chinese message and hint.
type Error struct {
	Path    string // the path or value that was parsed
	Code    string
	Message string
	Hint    string
}

func (e *Error) Error() string { return e.Path + ": " + e.Message }

// ParseMonth parses a month folder name or a month argument: exactly
// YYYY-MM (7 characters, no spaces, month 01–12, year 1900–2999).
// calendar.ParseMonth is lenient about surrounding spaces; a folder
// "2026-10 " is a different folder from "2026-10" to git, so this parser
// is not.
func ParseMonth(s string) (calendar.Month, error) {
	bad := func() error { // built only when needed: ParseMonth runs for every hazard id
		return &Error{Path: s, Code: "file.month", Message: fmt.Sprintf("“%s”不是 YYYY-MM 形式的月份", s),
			Hint: "月份写作 4 位年份、短横线、2 位月份，如 2026-07，前后不能有空格"}
	}
	if len(s) != 7 || s[4] != '-' || !digits(s[:4]) || !digits(s[5:]) {
		return calendar.Month{}, bad()
	}
	m, err := calendar.ParseMonth(s)
	if err != nil {
		return calendar.Month{}, bad()
	}
	return m, nil
}

// Latest is the last month a submission may be for at time asOf: the
// month after asOf's month (Asia/Shanghai). A later folder is a typing
// error (2099-11 for 2026-11) and would put rows on the site's future
// pages.
func Latest(asOf time.Time) calendar.Month { return calendar.MonthOf(asOf).Add(1) }

// CheckNotFuture returns an *Error when m is after Latest(asOf). A zero
// asOf checks nothing.
func CheckNotFuture(p string, m calendar.Month, asOf time.Time) error {
	if asOf.IsZero() || m.Compare(Latest(asOf)) <= 0 {
		return nil
	}
	return &Error{Path: p, Code: "file.future",
		Message: fmt.Sprintf("月份文件夹 %s 晚于 %s：截至 %s，最多只能提交到 %s 的文件", m, Latest(asOf), calendar.DateOf(asOf), Latest(asOf)),
		Hint:    "核对月份文件夹的年份和月份（排查表按安检月份，汇总表按隐患所属月份）"}
}

// Submission is a submitted file: data/<kind>/YYYY-MM/<submitter>.csv.
type Submission struct {
	Kind      Kind
	Month     calendar.Month
	Submitter string // enterprise id (排查表, 入户安检量表) or 9-digit town code (汇总表)
}

// Path returns the repository path of s.
func (s Submission) Path() string {
	return s.Kind.Dir() + "/" + s.Month.String() + "/" + s.Submitter + ".csv"
}

// HazardPath is the path of the 排查表 of enterprise for month m.
func HazardPath(m calendar.Month, enterprise string) string {
	return Submission{Hazards, m, enterprise}.Path()
}

// RectificationPath is the path of the 汇总表 of town for month m.
func RectificationPath(m calendar.Month, town string) string {
	return Submission{Rectifications, m, town}.Path()
}

// InspectionPath is the path of the 入户安检量表 of enterprise for month m.
func InspectionPath(m calendar.Month, enterprise string) string {
	return Submission{Inspections, m, enterprise}.Path()
}

// KindOf returns the kind of folder p lies in (data/hazards/…,
// data/rectifications/… or data/inspections/…), and false for any other
// path.
func KindOf(p string) (Kind, bool) {
	for _, k := range Kinds {
		if strings.HasPrefix(p, k.Dir()+"/") {
			return k, true
		}
	}
	return "", false
}

// LocationHint says where each kind of submitted file goes.
const LocationHint = "排查表放在 data/hazards/YYYY-MM/<企业编号>.csv，汇总表放在 data/rectifications/YYYY-MM/<街镇代码>.csv，入户安检量表放在 data/inspections/YYYY-MM/<企业编号>.csv"

// monthFolderNote says what is wrong with a month folder name that is
// not YYYY-MM, when that is one of the mistakes a copy or a Chinese input
// method makes: "（不能有空格）" for any space (2026-10 ), "（数字要用半角）"
// for full-width digits or dash (２０２６-11), otherwise "" (2026-1,
// 2026_11, 2026-11.: the hint shows the right path). Review F13: every
// malformed folder used to be told it had a space.
func monthFolderNote(s string) string {
	switch {
	case strings.ContainsFunc(s, unicode.IsSpace):
		return "（不能有空格）"
	case strings.ContainsFunc(s, func(r rune) bool { return r >= '０' && r <= '９' || r == '－' }):
		return "（数字要用半角）"
	}
	return ""
}

// ParseSubmission parses a path below data/hazards, data/rectifications or
// data/inspections. It returns an *Error (code file.location) for any path
// there that is not exactly <kind>/YYYY-MM/<letters and digits>.csv.
func ParseSubmission(p string) (Submission, error) {
	k, ok := KindOf(p)
	if !ok {
		return Submission{}, &Error{Path: p, Code: "file.location", Message: "这个文件不在 data/hazards/、data/rectifications/ 或 data/inspections/ 中",
			Hint: LocationHint}
	}
	example := "例如 data/hazards/2026-07/E01.csv：月份文件夹是安检所在月份，文件名是企业编号"
	what := "排查表的路径应为 data/hazards/YYYY-MM/<企业编号>.csv"
	switch k {
	case Rectifications:
		example = "例如 data/rectifications/2026-07/310118102.csv：月份文件夹是隐患的安检月份，文件名是 9 位街镇代码"
		what = "汇总表的路径应为 data/rectifications/YYYY-MM/<街镇代码>.csv"
	case Inspections:
		example = "例如 data/inspections/2026-07/E01.csv：月份文件夹是安检所在月份，文件名是企业编号"
		what = "入户安检量表的路径应为 data/inspections/YYYY-MM/<企业编号>.csv"
	}
	bad := func(msg string) error {
		return &Error{Path: p, Code: "file.location", Message: msg, Hint: locationHint(p, example)}
	}
	parts := strings.Split(strings.TrimPrefix(p, k.Dir()+"/"), "/")
	if len(parts) != 2 {
		return Submission{}, bad(what)
	}
	m, err := ParseMonth(parts[0])
	if err != nil {
		return Submission{}, bad(fmt.Sprintf("%s；月份文件夹“%s”不是 YYYY-MM%s", what, parts[0], monthFolderNote(parts[0])))
	}
	id, ok := strings.CutSuffix(parts[1], ".csv")
	if !ok || !IsSubmitterID(id) {
		return Submission{}, bad(what)
	}
	return Submission{Kind: k, Month: m, Submitter: id}, nil
}

func locationHint(p, hint string) string {
	lower := strings.ToLower(p)
	switch {
	case strings.HasSuffix(lower, ".csv") && !strings.HasSuffix(p, ".csv"):
		return "扩展名请改为小写 .csv；" + hint
	case strings.HasSuffix(lower, ".xlsx") || strings.HasSuffix(lower, ".xls"):
		return "Excel 文件请先另存为 CSV，或用 lpg import 转换；" + hint
	}
	return hint
}

// IsSubmitterID reports whether id can name a submitter in a file name:
// ASCII letters and digits only.
func IsSubmitterID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// HazardID is a parsed hazard id <enterprise>-<YYYYMM>-<sequence>, such as
// E01-202610-0001 (DESIGN.md "排查表").
type HazardID struct {
	Enterprise string
	Month      calendar.Month
	Seq        int
}

// ParseHazardID parses id; the sequence has at least 4 digits.
func ParseHazardID(id string) (HazardID, error) {
	bad := func() error { // built only when needed: validate parses every hazard id
		return &Error{Path: id, Code: "hazard_id.format", Message: fmt.Sprintf("隐患编号“%s”格式不对", id),
			Hint: "格式为 企业编号-年月-序号，如 E01-202607-0018（序号至少 4 位，不足补 0）"}
	}
	// three parts between "-" (cut by hand: no slice per id)
	ent, rest, _ := strings.Cut(id, "-")
	ym, seqText, ok := strings.Cut(rest, "-")
	if !ok || strings.IndexByte(seqText, '-') >= 0 || !IsSubmitterID(ent) || len(ym) != 6 || !digits(ym) || len(seqText) < 4 || !digits(seqText) {
		return HazardID{}, bad()
	}
	y, _ := strconv.Atoi(ym[:4])
	mo, _ := strconv.Atoi(ym[4:])
	if y < 1900 || y > 2999 || mo < 1 || mo > 12 { // what ParseMonth refuses of six digits
		return HazardID{}, bad()
	}
	m := calendar.Month{Year: y, Month: time.Month(mo)}
	seq, err := strconv.Atoi(seqText)
	if err != nil {
		return HazardID{}, bad()
	}
	return HazardID{Enterprise: ent, Month: m, Seq: seq}, nil
}

// Prefix is the part of every hazard id of enterprise's 排查表 for month
// m: "E01-202610-".
func Prefix(enterprise string, m calendar.Month) string {
	return enterprise + "-" + m.Compact() + "-"
}

// Key is the identity of h: E01-202608-0010 and E01-202608-00010 are the
// same hazard.
func (h HazardID) Key() string { return Prefix(h.Enterprise, h.Month) + strconv.Itoa(h.Seq) }

// File is the path of the 排查表 the hazard belongs to.
func (h HazardID) File() string { return HazardPath(h.Month, h.Enterprise) }

// Roles of accounts.csv (DESIGN.md "Other files").
const (
	RoleEnterprise = "enterprise"
	RoleTown       = "town"
	RoleGasCentre  = "gas_centre"
)

// Owned returns the path patterns (path.Match syntax) of the files an
// account of role with submitter may add or change: an enterprise its
// 排查表 and its 入户安检量表, a town its 汇总表; nil for the gas centre
// (anything) and for an unknown role (nothing).
func Owned(role, submitter string) []string {
	switch role {
	case RoleEnterprise:
		return []string{HazardsDir + "/*/" + submitter + ".csv", InspectionsDir + "/*/" + submitter + ".csv"}
	case RoleTown:
		return []string{RectificationsDir + "/*/" + submitter + ".csv"}
	}
	return nil
}

// Login normalises an account name as written in accounts.csv or given as
// --actor: surrounding spaces and one leading "@" removed. Logins compare
// case-insensitively (GitHub and Gitea).
func Login(s string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "@"))
}

// IsSubmission reports whether p is a submitted file (排查表, 汇总表 or
// 入户安检量表, by folder and extension), which nobody may delete. A path
// with a hidden component (Hidden) is not: validate and the site never
// read it, so it counts for nothing and may be removed.
func IsSubmission(p string) bool {
	_, ok := KindOf(p)
	return ok && strings.HasSuffix(strings.ToLower(p), ".csv") && !hiddenPath(p)
}

// Reads reports whether validate reads the file at root-relative slash path
// p below data/ — as data (reference tables, liaisons.csv, receipts.csv,
// data/report.md, the submitted files, meeting notes) or to refuse it (a
// misplaced CSV file or meeting note is an error that stops the build). It
// is the one rule of what lpg takes from data/: validate warns about every
// other file there (file.ignored; README.md and .gitkeep silently) and
// never reads it, and skips every path with a hidden component (Hidden).
// The G32 mark of lpg build and lpg publish's clean-tree test judge exactly
// these files, whether git ignores them or not (review round 4 H5, H12).
func Reads(p string) bool {
	if !strings.HasPrefix(p, DataDir+"/") || hiddenPath(p) {
		return false
	}
	_, submission := KindOf(p)
	lower := strings.ToLower(p)
	return submission || strings.HasPrefix(p, ReferenceDir+"/") || p == LiaisonsFile || p == ReceiptsFile || p == MastheadFile ||
		(strings.HasPrefix(p, MeetingsDir+"/") && strings.HasSuffix(lower, ".md")) || strings.HasSuffix(lower, ".csv")
}

// Hidden reports whether a file or folder name is one lpg skips below
// data/: a name starting with a dot (".", "..", ".git", ".2026-11",
// ".draft.md"). validate does not load such files and the site does not
// show them, so nothing ever judges them.
func Hidden(name string) bool { return strings.HasPrefix(name, ".") }

func hiddenPath(p string) bool {
	for _, c := range strings.Split(p, "/") {
		if Hidden(c) {
			return true
		}
	}
	return false
}

// CheckDataPath returns an *Error (code file.location) for a path under
// data/ that lpg would ignore or git could not check out (review finding
// F2): a component that is empty, ".", "..", starts with a dot (Hidden:
// .git in any case, .git~1, a hidden month folder) or is git's NTFS short
// name of .git ("git~1" in any case). The hint names the path without the
// dots when that is where a submission belongs. Other paths give nil.
func CheckDataPath(p string) error {
	if !Under(p, DataDir) {
		return nil
	}
	var what string // the first bad component, described
	var clean []string
	for _, c := range strings.Split(p, "/") {
		switch {
		case c == "":
			if what == "" {
				what = "路径中有空的文件夹名（连续两个 /）"
			}
			continue
		case c == "." || c == "..":
			if what == "" {
				what = fmt.Sprintf("路径中有“%s”", c)
			}
			continue
		case Hidden(c) || strings.EqualFold(c, "git~1"):
			if what == "" {
				what = fmt.Sprintf("文件夹或文件名“%s”以点开头或是 git 的保留名称", c)
			}
			c = strings.TrimLeft(c, ".")
			if c == "" || strings.EqualFold(c, "git") || strings.EqualFold(c, "git~1") {
				continue
			}
		}
		clean = append(clean, c)
	}
	if what == "" {
		return nil
	}
	hint := "把文件放在正确的位置：" + LocationHint
	if sub, err := ParseSubmission(strings.Join(clean, "/")); err == nil {
		hint = "应上传为 " + sub.Path()
	}
	return &Error{Path: p, Code: "file.location", Hint: hint,
		Message: what + "：这样的文件 lpg 不读取、网站不显示，git 也可能无法检出"}
}

// Under reports whether p is dir or below it.
func Under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

// IsMeeting reports whether p is a meeting note: a file directly in
// data/meetings whose name ends in ".md", lower case (DESIGN.md "Layout":
// data/meetings/*.md). It is the one rule of what a note is: validate
// reads exactly these into the model and render publishes exactly the
// model's notes (review F10: d.MD and sub/c.md were counted by validate
// and never published).
func IsMeeting(p string) bool {
	dir, name, ok := cutLast(p)
	return ok && dir == MeetingsDir && len(name) > len(".md") && strings.HasSuffix(name, ".md")
}

// MisplacedMeeting reports whether p below data/meetings looks like a
// meeting note (a name ending in ".md" in any case) but is not one by
// IsMeeting: an upper- or mixed-case extension (会议.MD) or a note in a
// sub-folder (data/meetings/2026/x.md). validate refuses such a file
// (meeting.location) instead of counting a note that is never published.
func MisplacedMeeting(p string) bool {
	return strings.HasPrefix(p, MeetingsDir+"/") && strings.HasSuffix(strings.ToLower(p), ".md") && !IsMeeting(p)
}

// MeetingHint says where and how a meeting note is named, for
// meeting.location.
const MeetingHint = "会议纪要直接放在 data/meetings 下，文件名写成 data/meetings/YYYY-MM-DD-….md（会议日期开头，扩展名为小写 .md，不放在子文件夹中），例如 data/meetings/2026-09-18-联席会议.md"

// cutLast splits p at its last "/" into folder and name.
func cutLast(p string) (dir, name string, ok bool) {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return "", p, false
	}
	return p[:i], p[i+1:], true
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
