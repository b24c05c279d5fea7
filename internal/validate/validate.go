// Package validate reads a data repository (an fs.FS rooted at the
// repository, holding data/…), checks every CSV file against its JSON
// Schema and the cross-file rules of DESIGN.md, and builds the typed
// model.Dataset. It reports every problem as a diag.Diagnostic (file,
// physical line, spreadsheet row, column header, value, Chinese message and
// hint) and never stops at the first one.
//
// It depends on csvio, form, reference, model and diag; it knows nothing of
// git, the loop or the site.
package validate

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/masthead"
	"lpg/internal/model"
	"lpg/internal/reference"
)

// Result is the outcome of validating a repository.
type Result struct {
	Data  *model.Dataset // built from every readable row; use only when !Diags.HasErrors()
	Diags diag.List      // diagnostics of the selected files
	Files int            // selected files read
	Rows  int            // data rows of the selected files

	sheets map[string]*sheet
}

// Canonical returns file as the canonical CSV of DESIGN.md "CSV
// conventions": UTF-8 without BOM, LF, one header row with the Chinese
// headers of its form in schema order, and every cell as normalised
// (dates YYYY-MM-DD, full-width digits folded, short names written out).
// Optional columns absent from the file are left out. ok is false when
// the file was not read or its header was unusable, and for a 排查表 or
// 汇总表 not listed in Options.Canonical (its rows were let go).
func (r *Result) Canonical(file string) ([]byte, bool) {
	s := r.sheets[file]
	if s == nil || !s.ok || s.t == nil {
		return nil, false
	}
	var header, fields []string
	for _, p := range s.form.Props {
		if _, present := s.t.Headers[p.Field]; present || requiredColumn(s.form, p.Field) {
			header = append(header, p.Header)
			fields = append(fields, p.Field)
		}
	}
	rows := make([][]string, len(s.rows))
	for i, rw := range s.rows {
		rows[i] = make([]string, len(fields))
		for j, f := range fields {
			rows[i][j] = rw.val(f)
		}
	}
	return csvio.EncodeCanonical(header, rows), true
}

// Paths of the repository layout (DESIGN.md "Layout"), from package layout.
const (
	DataDir      = layout.DataDir
	ReferenceDir = layout.ReferenceDir
	LiaisonsFile = layout.LiaisonsFile
	ReceiptsFile = layout.ReceiptsFile
)

// ErrNoData is returned when the root holds no data/ directory.
var ErrNoData = errors.New("no data/ directory")

// Options say how to validate.
type Options struct {
	// Only, when non-empty, limits the diagnostics, files and rows
	// reported to the listed paths (files or directories, slash-separated,
	// relative to the root); every file is still read, because cross-file
	// rules need the whole repository.
	Only []string
	// AsOf is the time the repository is judged at: a month folder after
	// the month of AsOf + 1 is an error (layout.CheckNotFuture). Zero
	// skips that rule. It is also the time the rows were submitted (in
	// lpg validate: now; in lpg check: the check's own time): a 整改完成日期
	// after its date is an error (rectified_date.future), and so is a
	// receipts.csv received_at after it (received_at.future; DESIGN.md
	// "Status model", "Files"): nobody can have received a file later than
	// now, and a build that took such a line would treat a file the
	// repository holds as not received until that time (adversarial
	// review G7). In lpg check the lines of RecordedReceipts are not
	// judged.
	AsOf time.Time
	// RecordedReceipts holds, by path, the received_at of the receipts.csv
	// lines already recorded before the change lpg check judges (the base
	// branch's file). Such a line was recorded by an earlier change at an
	// earlier time, so it is not judged against AsOf (received_at.future):
	// a change is only answerable for the lines it adds or alters. Nil in
	// lpg validate.
	RecordedReceipts map[string]string
	// FirstSeen, when not nil, says when a file first appeared on the main
	// line (history.Index.ReceivedAt: HEAD's in lpg validate, the base
	// branch's in lpg check): a receipts.csv line that records a later
	// time is warned about (received_at.later), but for lines of
	// RecordedReceipts and of channel pr. Nil without git (or in a
	// shallow clone): nothing to compare with.
	FirstSeen func(path string) (time.Time, bool)
	// MainLine, when not nil, says whether a commit (full hash) is on the
	// main line's first-parent chain (HEAD's in lpg validate, the base
	// branch's in lpg check); known is false when git cannot tell (no
	// history, a shallow clone). An update line of receipts.csv
	// (ReceiptMerge) naming a commit that is not is warned about
	// (note.merge_missing), but for lines of RecordedReceipts.
	MainLine func(commit string) (on, known bool)
	// Cache, when not nil, keeps the per-file work by git blob hash for
	// later validations in the same process (Cache).
	Cache *Cache
	// Canonical lists the files (slash paths relative to the root) that
	// Result.Canonical is asked for: their normalised rows are kept to
	// the end. The rows of every other 排查表 and 汇总表 are let go as
	// soon as the file's rules have run (lpg import asks for the one file
	// it writes).
	Canonical []string
}

// MemoryLimit is the soft memory limit (bytes; memlimit.Follow with the
// proportional collector off) that lpg validate sets around Run: the
// collector then runs only as the heap nears it, instead of whenever the
// heap has doubled since the last collection, which while the model grows
// from nothing means many small collections. At five years of data (≈ 160k
// rows, README 性能) the live heap stays below three quarters of it, so
// the limit never moves; a larger repository raises it with its live heap
// (memlimit.Next).
const MemoryLimit = 224 << 20

// Repository validates the repository in fsys with Options{Only: only}.
func Repository(fsys fs.FS, only []string) (*Result, error) {
	return Run(fsys, Options{Only: only})
}

// Run validates the repository in fsys. An error is returned only for I/O
// problems, never for bad data.
func Run(fsys fs.FS, o Options) (*Result, error) {
	only := o.Only
	if st, err := fs.Stat(fsys, DataDir); err != nil || !st.IsDir() {
		return nil, ErrNoData
	}
	v := &validator{fsys: fsys, asOf: o.AsOf, recorded: o.RecordedReceipts, firstSeen: o.FirstSeen, mainLine: o.MainLine, cache: o.Cache, res: &Result{}, data: &model.Dataset{Rects: map[string]*model.Rectification{}, Receipts: map[string]time.Time{}, ReceiptChannels: map[string]string{}, UpdateReceipts: map[string]map[string]time.Time{}}}
	v.keep = map[string]bool{}
	for _, f := range o.Canonical {
		v.keep[path.Clean(f)] = true
	}
	if o.Cache != nil {
		o.Cache.next()
	}
	v.selected = func(string) bool { return true }
	if len(only) > 0 {
		v.selected = func(p string) bool {
			for _, o := range only {
				o = strings.TrimSuffix(path.Clean(o), "/")
				if p == o || strings.HasPrefix(p, o+"/") {
					return true
				}
			}
			return false
		}
	}
	if err := v.run(); err != nil {
		return nil, err
	}
	return v.res, nil
}

type validator struct {
	fsys      fs.FS
	asOf      time.Time
	recorded  map[string]string              // Options.RecordedReceipts
	mainLine  func(string) (bool, bool)      // Options.MainLine
	firstSeen func(string) (time.Time, bool) // Options.FirstSeen
	cache     *Cache
	res       *Result
	data      *model.Dataset
	ref       *reference.Data
	selected  func(string) bool
	all       diag.List                    // diagnostics of every file; res.Diags keeps the selected ones
	headers   map[string]map[string]string // file → field → header as written
	sheets    map[string]*sheet
	broken    map[string]bool      // hazard files that could not be read as a whole
	pre       map[string]preloaded // submission files read ahead, concurrently (stream)
	keep      map[string]bool      // files whose rows are kept for Result.Canonical
	ids       idIndex              // the first hazard of each id (checkUniqueIDs)
	free      freeArrays           // arrays of released sheets, for readSheet
}

func (v *validator) run() error {
	files, err := v.listFiles()
	if err != nil {
		return err
	}
	v.ref = &reference.Data{}
	v.data.Ref = v.ref
	if err := v.readReference(); err != nil {
		return err
	}
	if err := v.readDepartments(); err != nil {
		return err
	}
	var hazardFiles, rectFiles, inspectionFiles []string
	for _, f := range files {
		switch {
		case !layout.Reads(f): // the one rule of what is read from data/
			if b := path.Base(f); b != "README.md" && b != ".gitkeep" {
				v.fileDiag(f, diag.Warning, "file.ignored", "data/ 下的这个文件不是 lpg 的数据文件，已忽略",
					"Excel 文件请先另存为 CSV（或用 lpg import 转换）再提交")
			}
		case strings.HasPrefix(f, ReferenceDir+"/"), f == LiaisonsFile, f == ReceiptsFile:
		case strings.HasPrefix(f, layout.HazardsDir+"/"):
			hazardFiles = append(hazardFiles, f)
		case strings.HasPrefix(f, layout.RectificationsDir+"/"):
			rectFiles = append(rectFiles, f)
		case strings.HasPrefix(f, layout.InspectionsDir+"/"):
			inspectionFiles = append(inspectionFiles, f)
		case layout.IsMeeting(f):
			if err := v.checkMeeting(f); err != nil {
				return err
			}
		case layout.MisplacedMeeting(f):
			v.fileDiag(f, diag.Error, "meeting.location", "这个会议纪要的扩展名不是小写 .md 或放在了子文件夹中，网站不会发布它", layout.MeetingHint)
		case masthead.IsFile(f):
			if err := v.checkMasthead(f); err != nil {
				return err
			}
		default: // a CSV file elsewhere below data/
			v.fileDiag(f, diag.Error, "file.location", "这个 CSV 文件不在约定的位置，lpg 不会读取它", layout.LocationHint)
		}
	}
	if err := v.readLiaisons(); err != nil {
		return err
	}
	if err := v.readReceipts(); err != nil {
		return err
	}
	// The submission files are read, decoded, normalised and
	// schema-checked on all CPUs a few files ahead (stream); the
	// cross-file rules run on them in order, and a 排查表 or 汇总表 is let go
	// as soon as its rules have run (issue 14: no sheet is kept to the
	// end). The 入户安检量表 come first: each 排查表's coverage rules need
	// them.
	if err := v.stream(inspectionFiles, form.Inspections, nil, v.readInspections); err != nil {
		return err
	}
	cov := v.coverageOf()
	var runs []int // where each 排查表's hazards end in v.data.Hazards (sortHazards)
	if err := v.stream(hazardFiles, form.Hazards, v.prepHazards, func(f string) error {
		n := len(v.data.Hazards)
		if err := v.readHazards(f); err != nil {
			return err
		}
		v.checkUniqueIDs(n)
		v.checkCoverage(cov, f, v.data.Hazards[n:])
		v.release(f)
		runs = append(runs, len(v.data.Hazards))
		return nil
	}); err != nil {
		return err
	}
	if len(rectFiles) > 0 {
		if len(v.data.Rects) == 0 {
			v.data.Rects = make(map[string]*model.Rectification, len(v.data.Hazards)) // a row counts only for a hazard: sized once, never grown
		}
	}
	if err := v.stream(rectFiles, form.Rectifications, v.prepRects, func(f string) error {
		err := v.readRectifications(f)
		v.release(f)
		return err
	}); err != nil {
		return err
	}
	// ids and paths are unique (checkUniqueIDs, listFiles): one order
	v.data.Hazards = sortHazards(v.data.Hazards, runs)
	slices.SortFunc(v.data.Files, func(a, b model.File) int { return strings.Compare(a.Path, b.Path) })
	for _, s := range v.sheets {
		v.all.AddAll(s.out.Items())
	}
	v.countWarnings()
	v.res.Data = v.data
	v.res.sheets = v.sheets
	for _, d := range v.all.Items() {
		if v.selected(d.File) {
			v.res.Diags.Add(d)
		}
	}
	return nil
}

// listFiles returns every regular file below data/, sorted.
func (v *validator) listFiles() ([]string, error) {
	var out []string
	// data/ itself a symbolic link (to a shared drive, say) is refused like
	// one below it: git commits the link, not the files, so the commit the
	// site names would hold no data (review round 5, K4).
	if lfs, ok := v.fsys.(fs.ReadLinkFS); ok {
		if info, err := lfs.Lstat(DataDir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			v.fileDiag(DataDir, diag.Error, "file.symlink", "data 目录是一个符号链接，lpg 不读取符号链接指向的内容",
				"把数据文件放进仓库中真正的 data/ 目录（git 会把符号链接当作链接提交，而不是其中的文件）")
			return nil, nil
		}
	}
	err := fs.WalkDir(v.fsys, DataDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && layout.Hidden(d.Name()) && p != DataDir {
			return fs.SkipDir
		}
		if d.Type()&fs.ModeSymlink != 0 {
			v.fileDiag(p, diag.Error, "file.symlink", "这是一个符号链接，lpg 不读取符号链接指向的内容",
				"把真正的文件放在这个位置（git 会把符号链接当作链接提交，而不是文件内容）")
			return nil
		}
		if d.Type()&fs.ModeIrregular != 0 {
			v.fileDiag(p, diag.Error, "file.gitlink", "这是一个子模块（gitlink），指向另一个仓库，而不是文件内容",
				"删除该子模块，把真正的 CSV 文件放在这个位置")
			return nil
		}
		if d.Type().IsRegular() && !layout.Hidden(d.Name()) {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

func (v *validator) fileDiag(file string, sev diag.Severity, code, msg, hint string) {
	v.all.Add(diag.Diagnostic{File: file, Line: 1, Code: code, Message: msg, Hint: hint, Severity: sev})
}

// load reads file as form kind. A missing optional file gives (nil, nil).
func (v *validator) load(file, kind string, required bool) (*sheet, error) {
	var (
		s   *sheet
		b   []byte
		err error
	)
	if p, ok := v.pre[file]; ok {
		s, err = p.s, p.err
	} else {
		b, err = fs.ReadFile(v.fsys, file)
	}
	if errors.Is(err, fs.ErrNotExist) {
		if required {
			v.fileDiag(file, diag.Error, "file.missing", "缺少参考数据文件", "从 lpg 仓库的 data/reference/ 复制该文件")
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	if s == nil {
		s = readSheet(file, b, form.Get(kind), &v.free)
	}
	if v.sheets == nil {
		v.sheets = map[string]*sheet{}
	}
	v.sheets[file] = s
	if s.t != nil {
		if v.headers == nil {
			v.headers = map[string]map[string]string{}
		}
		v.headers[file] = s.t.Headers
	}
	if v.selected(file) {
		v.res.Files++
		v.res.Rows += len(s.rows)
	}
	return s, nil
}

func (v *validator) readReference() error {
	// towns
	s, err := v.load(layout.TownsFile, form.Towns, true)
	if err != nil {
		return err
	}
	if s != nil && s.ok {
		seen := map[string]int{}
		for _, r := range s.rows {
			if dup(s, r, "code", seen) {
				continue
			}
			v.ref.Towns = append(v.ref.Towns, reference.Town{Code: r.val("code"), Name: r.val("name"), Type: r.val("type")})
		}
	}
	v.ref.Index()
	// villages
	if s, err = v.load(layout.VillagesFile, form.Villages, true); err != nil {
		return err
	}
	if s != nil && s.ok {
		seen := map[string]int{}
		for _, r := range s.rows {
			if dup(s, r, "code", seen) {
				continue
			}
			vl := reference.Village{Code: r.val("code"), Name: r.val("name"), TownCode: r.val("town_code"), Kind: r.val("kind")}
			if !r.isBad("town_code") && v.ref.Town(vl.TownCode) == nil {
				s.errorf(r, "town_code", "town_code.unknown", "town_code 必须是 towns.csv 中的街镇代码", "街镇代码“%s”不在 towns.csv 中", vl.TownCode)
			} else if !r.isBad("code") && !r.isBad("town_code") && !strings.HasPrefix(vl.Code, vl.TownCode) {
				s.errorf(r, "code", "code.prefix", "村居代码的前 9 位是所属街镇的代码", "村居代码“%s”与所属街镇“%s”不符", vl.Code, vl.TownCode)
			}
			v.ref.Villages = append(v.ref.Villages, vl)
		}
	}
	// hazard types
	if s, err = v.load(layout.HazardTypesFile, form.HazardTypes, true); err != nil {
		return err
	}
	if s != nil && s.ok {
		type typeRow struct {
			Code         string `csv:"code"`
			Name         string `csv:"name"`
			NameEn       string `csv:"name_en"`
			Group        string `csv:"group"`
			AppliesTo    string `csv:"applies_to"`
			Severity     string `csv:"severity"`
			DeadlineDays string `csv:"deadline_days"`
			Basis        string `csv:"basis"`
		}
		var typed []typeRow
		seen := map[string]int{}
		var kept []*row
		for _, r := range s.rows {
			if !dup(s, r, "code", seen) {
				kept = append(kept, r)
			}
		}
		if err := decodeInto(kept, []string{"code", "name", "name_en", "group", "applies_to", "severity", "deadline_days", "basis"}, &typed); err != nil && len(kept) > 0 {
			return fmt.Errorf("decode hazard types: %w", err)
		}
		for _, t := range typed {
			days, _ := strconv.Atoi(t.DeadlineDays)
			v.ref.HazardTypes = append(v.ref.HazardTypes, reference.HazardType{Code: t.Code, Name: t.Name, NameEn: t.NameEn,
				Group: t.Group, AppliesTo: t.AppliesTo, Severity: t.Severity, DeadlineDays: days, Basis: t.Basis})
		}
	}
	// enterprises
	if s, err = v.load(layout.EnterprisesFile, form.Enterprises, true); err != nil {
		return err
	}
	if s != nil && s.ok {
		seen := map[string]int{}
		for _, r := range s.rows {
			if dup(s, r, "id", seen) {
				continue
			}
			e := reference.Enterprise{ID: r.val("id"), Name: r.val("name"), CreditCode: r.val("credit_code")}
			e.ActiveFrom, _ = calendar.ParseMonth(r.val("active_from"))
			if r.val("active_to") != "" {
				e.ActiveTo, _ = calendar.ParseMonth(r.val("active_to"))
				if !e.ActiveTo.IsZero() && !e.ActiveFrom.IsZero() && e.ActiveTo.Compare(e.ActiveFrom) < 0 {
					s.errorf(r, "active_to", "active_to.before", "active_to 不能早于 active_from", "停止月份“%s”早于开始月份“%s”", r.val("active_to"), r.val("active_from"))
				}
			}
			v.ref.Enterprises = append(v.ref.Enterprises, e)
		}
	}
	// accounts
	if s, err = v.load(layout.AccountsFile, form.Accounts, true); err != nil {
		return err
	}
	v.ref.Index()
	v.ref.Accounts = readAccounts(s)
	if s != nil && s.ok {
		for _, r := range s.rows {
			a := reference.Account{Role: r.val("role"), Submitter: r.val("submitter")}
			switch {
			case r.isBad("role") || r.isBad("submitter") || a.Submitter == "":
			case a.Role == layout.RoleEnterprise && v.ref.Enterprise(a.Submitter) == nil:
				s.errorf(r, "submitter", "submitter.unknown", "企业账号的 submitter 填 enterprises.csv 中的企业编号", "企业编号“%s”不在 enterprises.csv 中", a.Submitter)
			case a.Role == layout.RoleTown && v.ref.Town(a.Submitter) == nil:
				s.errorf(r, "submitter", "submitter.unknown", "街镇账号的 submitter 填 towns.csv 中的 9 位街镇代码", "街镇代码“%s”不在 towns.csv 中", a.Submitter)
			}
		}
	}
	return nil
}

// dup reports (as an error) a key already seen in the file.
func dup(s *sheet, r *row, field string, seen map[string]int) bool {
	k := r.val(field)
	if k == "" {
		return false
	}
	if first, ok := seen[k]; ok {
		s.errorf(r, field, field+".duplicate", fmt.Sprintf("删除重复的一行，或改正编号（第 %d 行已有）", first), "“%s”重复出现", k)
		return true
	}
	seen[k] = r.rec.Line
	return false
}

func (v *validator) readLiaisons() error {
	s, err := v.load(LiaisonsFile, form.Liaisons, false)
	if err != nil || s == nil || !s.ok {
		return err
	}
	for _, r := range s.rows {
		l := model.Liaison{Level: r.val("level"), Unit: r.val("unit"), Town: r.val("town"), Village: r.val("village"),
			Name: r.val("name"), Position: r.val("position"), OfficePhone: r.val("office_phone"), Mobile: r.val("mobile"), Email: r.val("email")}
		l.Updated, _ = calendar.ParseISODate(r.val("updated"))
		if l.Town != "" {
			if m := v.ref.ResolveTown(l.Town); m.Code != "" {
				l.TownCode = m.Code
				if m.Short {
					s.warnf(r, "town", "town.short", "规范写法为“"+m.Name+"”", "街镇“%s”按“%s”读取", l.Town, m.Name)
				}
			} else {
				s.errorf(r, "town", "town.unknown", candidatesHint(m, "街镇"), "街镇“%s”不在 towns.csv 中", l.Town)
			}
		}
		if l.Village != "" && l.TownCode != "" {
			if m := v.ref.ResolveVillage(l.TownCode, l.Village); m.Code != "" {
				l.VillageCode = m.Code
				if m.Short {
					s.warnf(r, "village", "village.short", "规范写法为“"+m.Name+"”", "村居“%s”按“%s”读取", l.Village, m.Name)
				}
			} else {
				s.errorf(r, "village", "village.unknown", candidatesHint(m, "村居"), "村居“%s”不在%s的村居名单中", l.Village, v.ref.Town(l.TownCode).Name)
			}
		}
		if (l.Level == "街镇" || l.Level == "村居") && l.Town == "" {
			s.errorf(r, "town", "town.required", "填写所属街镇名称", "层级为“%s”的联络员必须填写街镇", l.Level)
		}
		if l.Level == "村居" && l.Village == "" {
			s.errorf(r, "village", "village.required", "填写所属村居名称", "层级为“村居”的联络员必须填写村居")
		}
		v.data.Liaisons = append(v.data.Liaisons, l)
	}
	return nil
}

func (v *validator) readReceipts() error {
	s, err := v.load(ReceiptsFile, form.Receipts, false)
	if err != nil || s == nil || !s.ok {
		return err
	}
	// One line per path is the file's receipt (a second is path.duplicate);
	// the update lines lpg receipt appends for a file already received
	// (ReceiptMerge: channel pr, naming a merge commit) may be several for
	// one path, one per commit (review round 3, G16).
	seen, merges := map[string]int{}, map[string]int{}
	for _, r := range s.rows {
		if r.isBad("received_at") || r.isBad("path") {
			continue
		}
		merge, update := ReceiptMerge(r.val("channel"), r.val("note"))
		if !update && dup(s, r, "path", seen) {
			continue
		}
		if update {
			k := r.val("path") + " " + merge
			if first, ok := merges[k]; ok {
				s.errorf(r, "note", "path.duplicate", fmt.Sprintf("删除重复的一行（第 %d 行已有）", first), "“%s”的合并提交 %s 重复登记", r.val("path"), merge)
				continue
			}
			merges[k] = r.rec.Line
		}
		t, err := time.Parse(time.RFC3339, r.val("received_at"))
		if err != nil {
			s.errorf(r, "received_at", "received_at.format", "如 2026-11-20T09:30:00+08:00", "收件时间“%s”不是 RFC 3339 时间", r.val("received_at"))
			continue
		}
		if msg, hint, frac := FractionalReceipt(r.val("received_at")); frac {
			s.errorf(r, "received_at", "received_at.fraction", hint, "%s", msg)
			continue
		}
		recorded, old := v.recorded[RecordedKey(r.val("path"), r.val("channel"), r.val("note"))]
		if msg, hint, future := FutureReceipt(t, v.asOf); future && !(old && recorded == r.val("received_at")) {
			s.errorf(r, "received_at", "received_at.future", hint, "%s", msg)
		}
		if msg, hint, early := EarlyReceipt(r.val("path"), t); early && !(old && recorded == r.val("received_at")) {
			s.errorf(r, "received_at", "received_at.early", hint, "%s", msg)
		}
		if v.firstSeen != nil && !(old && recorded == r.val("received_at")) && !strings.EqualFold(strings.TrimSpace(r.val("channel")), "pr") {
			v.laterReceipt(s, r, t)
		}
		switch {
		case update:
			if v.data.UpdateReceipts[r.val("path")] == nil {
				v.data.UpdateReceipts[r.val("path")] = map[string]time.Time{}
			}
			v.data.UpdateReceipts[r.val("path")][merge] = t
			if v.mainLine != nil && !old {
				if on, known := v.mainLine(merge); known && !on {
					s.warnf(r, "note", "note.merge_missing", "核对合并提交；主线历史被改写过时，删除这一行或改为该改动在主线上的提交",
						"收件记录中 %s 的这一行登记的合并提交 %s 不在主线上（不是主线第一父链上的提交）：这一行不起作用，该提交新增的行按进入主线的时间计",
						r.val("path"), merge)
				}
			}
		default:
			v.data.Receipts[r.val("path")] = t
			v.data.ReceiptChannels[r.val("path")] = r.val("channel")
		}
		if !v.exists(r.val("path")) {
			s.warnf(r, "path", "path.missing", "核对路径；如果文件尚未提交，可以先删除这一行", "收件记录中的文件“%s”在仓库中不存在", r.val("path"))
		}
	}
	return nil
}

// laterReceipt warns about receipts.csv row r (time t) when it records its
// file later than the file's first appearance on the main line
// (Options.FirstSeen). A receipt line can only move a receipt earlier
// (代报: the file came by e-mail before it was committed), never later, so
// the build does not use such a line (loop.Ledger: git's time counts;
// adversarial review G7); the warning tells the centre to correct it. Lines of channel pr are not judged (the caller
// leaves them out): they are the forge's pull-request creation times
// (issue 11), recorded only for files a merge adds, and stand even when a
// rebase merge kept a commit date set back by hand.
func (v *validator) laterReceipt(s *sheet, r *row, t time.Time) {
	p := r.val("path")
	git, ok := v.firstSeen(p)
	if !ok || !t.After(git) {
		return
	}
	s.warnf(r, "received_at", "received_at.later", "收件记录只用来把收件时间提前（代报：文件先以邮件等方式收到、后来才提交），不能推后；删除这一行，或改为实际最早收到的时间",
		"收件记录把 %s 的收件时间登记为 %s，晚于该文件第一次出现在主线上的时间 %s：收件记录只能把收件时间提前，这一行不采用，收件时间按主线上的时间计",
		p, calendar.FormatTime(t), calendar.FormatTime(git))
}

func candidatesHint(m reference.Match, what string) string {
	if len(m.Candidates) == 0 {
		return "请核对" + what + "名称"
	}
	if m.Ambiguous {
		return "名称不唯一，可能是：" + strings.Join(m.Candidates, "、") + "；请写全称"
	}
	return "最接近的" + what + "：" + strings.Join(m.Candidates, "、")
}

// submission parses the path of a 排查表 or 汇总表 (layout.ParseSubmission)
// and checks that its month is not in the future. A file that fails is
// reported once and not read.
func (v *validator) submission(file string) (layout.Submission, bool) {
	sub, err := layout.ParseSubmission(file)
	if err == nil {
		err = layout.CheckNotFuture(file, sub.Month, v.asOf)
	}
	var le *layout.Error
	if errors.As(err, &le) {
		hint := le.Hint
		if le.Code == "file.location" {
			hint = v.uploadHint(file, hint)
		}
		v.fileDiag(file, diag.Error, le.Code, le.Message, hint)
		return sub, false
	}
	return sub, true
}

// headerOf returns the header of field as written in file.
func (v *validator) headerOf(file, field string) string {
	if h, ok := v.headers[file][field]; ok {
		return h
	}
	if p := form.Get(form.Hazards).Prop(field); p != nil {
		return p.Header
	}
	return field
}

type preloaded struct {
	s   *sheet
	err error
}

// stream calls fn on each of files in order, each read beforehand as form
// kind (readFileSheet: decoding, normalising and schema checks, which
// share no state) and then given to prep, when not nil, on all CPUs, at
// most a few files ahead of fn: load finds the file in v.pre while fn
// runs. prep may read the validator's state that no fn of this stream
// changes and change only the sheet it is given. The first error of fn
// stops it.
func (v *validator) stream(files []string, kind string, prep func(file string, s *sheet), fn func(file string) error) error {
	if len(files) == 0 {
		return nil
	}
	if v.pre == nil {
		v.pre = map[string]preloaded{}
	}
	ready := make([]chan preloaded, len(files))
	for i := range ready {
		ready[i] = make(chan preloaded, 1)
	}
	// A worker takes a slot before it takes the next file, and fn's turn
	// gives one back: files are taken in order, so the file fn waits for
	// is always taken or takeable.
	slots := make(chan struct{}, 4*runtime.GOMAXPROCS(0))
	stop := make(chan struct{})
	defer close(stop)
	var next atomic.Int64
	for range min(runtime.NumCPU(), len(files)) {
		go func() {
			for {
				select {
				case slots <- struct{}{}:
				case <-stop:
					return
				}
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				var p preloaded
				p.s, p.err = v.readFileSheet(files[i], kind)
				if prep != nil && p.err == nil {
					prep(files[i], p.s)
				}
				ready[i] <- p
			}
		}()
	}
	for i, f := range files {
		v.pre[f] = <-ready[i]
		err := fn(f)
		delete(v.pre, f)
		<-slots
		if err != nil {
			return err
		}
	}
	return nil
}

// release lets go of the rows of file once its rules have run, unless
// Options.Canonical asked to keep them. Its diagnostics stay.
func (v *validator) release(file string) {
	if s := v.sheets[file]; s != nil && !v.keep[file] {
		s.rows, s.t = nil, nil
		v.free.put(s.rowArr, s.valArr)
		s.rowArr, s.valArr = nil, nil
	}
}

// Exister is implemented by a partial view of a repository (lpg check reads
// only the files a change touches) to say whether a path exists in the
// whole tree.
type Exister interface {
	Exists(name string) bool
}

func (v *validator) exists(name string) bool {
	if e, ok := v.fsys.(Exister); ok {
		return e.Exists(name)
	}
	_, err := fs.Stat(v.fsys, name)
	return err == nil
}
