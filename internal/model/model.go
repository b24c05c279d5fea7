// Package model holds the typed records of the data repository after
// reading and validation: hazards (排查表 rows), rectifications (汇总表
// rows), liaisons, receipts and the file inventory. All codes are resolved
// (towns as 9-digit codes, villages as 12-digit codes, hazard types as
// catalogue codes) and all dates are civil dates in Asia/Shanghai.
package model

import (
	"time"

	"lpg/internal/calendar"
	"lpg/internal/masthead"
	"lpg/internal/minutes"
	"lpg/internal/reference"
)

// Hazard is one row of a 排查表 (DESIGN.md "排查表").
type Hazard struct {
	ID             string         // E01-202607-0018
	Enterprise     string         // enterprise id, from the file name
	Month          calendar.Month // inspection month M, from the folder
	InspectionID   string
	Town           string // 9-digit town code
	Village        string // 12-digit village code
	UserType       string
	CustomerID     string
	UserName       string // personal data
	Phone          string // personal data
	Address        string // personal data
	BuildingType   string
	Cylinders      int // -1 when not given
	InspectionDate calendar.Date
	Inspector      string
	Type           string // hazard type code
	Description    string
	Severity       string // 重大 / 严重 / 一般 (defaulted from the type)
	OnsiteAction   string
	NoticeNo       string
	DueDate        calendar.Date // given, or inspection date + deadline_days
	DueDefaulted   bool
	Remarks        string

	File string // repository-relative path
	Line int    // physical line of the row
	Row  int    // spreadsheet row
}

// Rectification is one row of a 汇总表 (DESIGN.md "汇总表").
type Rectification struct {
	HazardID      string
	Town          string         // from the file name
	Month         calendar.Month // from the folder
	Village       string         // 12-digit code, "" when not given
	Status        string
	Method        string
	RectifiedDate calendar.Date
	Verifier      string
	Reason        string
	Joint         bool // 移交联合整治 = 是
	Remarks       string

	File string
	Line int
	Row  int
}

// Inspection is one row of a 入户安检量表 (issue 13; README “入户安检量表”):
// how many households enterprise inspected in month M in one town (and
// village, when given) for one user type.
type Inspection struct {
	Enterprise string         // enterprise id, from the file name
	Month      calendar.Month // inspection month M, from the folder
	Town       string         // 9-digit town code
	Village    string         // 12-digit village code, "" for a town total
	UserType   string
	Inspected  int // 安检户数
	Refused    int // 拒绝入户户数, -1 when not given
	Remarks    string

	File string
	Line int
	Row  int
}

// Liaison is one row of liaisons.csv.
type Liaison struct {
	Level, Unit, Town, Village, Name, Position, OfficePhone, Mobile, Email string
	TownCode, VillageCode                                                  string // resolved, "" when not given
	Updated                                                                calendar.Date
}

// Form names of submissions.
const (
	FormHazards        = "hazards"
	FormRectifications = "rectifications"
	FormInspections    = "inspections"
)

// File is a submission file of the repository.
type File struct {
	Path      string // data/hazards/2026-07/E01.csv
	Form      string // FormHazards, FormRectifications or FormInspections
	Month     calendar.Month
	Submitter string // enterprise id or town code
	Rows      int
	// Filled is, for a 汇总表, the number of rows with 整改状态 not empty
	// (form.Filled): a 汇总表 without one is no submission (README
	// "设计卡未规定之处的决定", 汇总表的收件; loop.Evaluate1). 0 for the
	// other forms.
	Filled   int
	Warnings int // warnings lpg validate gives on the file (issue 13: data quality on the scorecard)
}

// Dataset is everything the loop and the site need, read and validated.
type Dataset struct {
	Ref      *reference.Data
	Hazards  []*Hazard                 // sorted by ID
	Rects    map[string]*Rectification // by hazard id
	Files    []File                    // sorted by path
	Liaisons []Liaison
	Receipts map[string]time.Time // path → received_at from receipts.csv
	// ReceiptChannels is path → channel of its receipts.csv line (email for
	// 代报, pr for a receipt recorded from the forge; loop.ReceiptSource).
	ReceiptChannels map[string]string
	// UpdateReceipts are the update lines of receipts.csv (channel pr,
	// naming a merge commit: validate.ReceiptMerge; review round 3, G16):
	// path → commit (full hash) → received_at, the creation time of the
	// pull request that commit merged. They are no file receipt: the rows
	// the commit added to the file count from min(commit time, this time)
	// (loop.RowMap, the scorecard's 逾期补报).
	UpdateReceipts map[string]map[string]time.Time
	// Inspections are the rows of every readable 入户安检量表, sorted by
	// path and line. loop.Known leaves them as they are: a reader keeps the
	// rows whose File is among Files (loop.InspectionsKnown).
	Inspections []*Inspection
	// Meetings are the 联席会议 notes data/meetings/*.md as validate read
	// them, sorted by path; render shows them from here.
	Meetings []Meeting
	// Masthead is the formal wrapper of the monthly report, data/report.md
	// as validate read it (masthead.Parse, problems left to validate's
	// diagnostics); nil when the repository has none (masthead.Default).
	Masthead *masthead.Config
}

// Meeting is one 联席会议 note (DESIGN.md "Layout": data/meetings/*.md),
// parsed once by validate (minutes.ParseNote): front matter, Markdown
// body, decisions. Nothing is masked here; render masks what it shows.
type Meeting struct {
	File string // repository-relative path
	minutes.Note
}

// HazardByID returns an index of the hazards by id.
func (d *Dataset) HazardByID() map[string]*Hazard {
	m := make(map[string]*Hazard, len(d.Hazards))
	for _, h := range d.Hazards {
		m[h.ID] = h
	}
	return m
}

// FileFilled is the number of filled rows (File.Filled) of the 汇总表
// path, 0 when the repository does not hold it.
func (d *Dataset) FileFilled(path string) int {
	for _, f := range d.Files {
		if f.Path == path {
			return f.Filled
		}
	}
	return 0
}

// HasFile reports whether the repository holds path.
func (d *Dataset) HasFile(path string) bool {
	for _, f := range d.Files {
		if f.Path == path {
			return true
		}
	}
	return false
}

// Revision is one commit of the first-parent chain that changed a
// submission file, with what it did to the file's rows (keyed by
// 隐患编号): a row is changed when its key stays and any cell differs.
type Revision struct {
	Commit  string    // full hash
	When    time.Time // committer time: when the change reached the main line
	Author  string    // author name
	Added   int
	Changed int
	Removed int
	Deleted bool // the commit removed the file
}

// RowVersion is one commit of the first-parent chain that added, changed or
// removed one row of a submission file (the row keyed by its 隐患编号): the
// timeline of a hazard's 汇总表 row on its page (一患一档).
type RowVersion struct {
	Key    string    // the row's 隐患编号
	Commit string    // full hash
	When   time.Time // committer time: when the change reached the main line
	Author string    // author name
	// Cells are the row's cells after the commit, keyed by the header as
	// written in that version of the file (trimmed); nil when the commit
	// removed the row or the file.
	Cells map[string]string
	// Fields are the same cells by field key (town, hazard_type, …),
	// whatever the header spelling of that version; nil with Cells.
	Fields map[string]string
}
