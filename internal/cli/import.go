package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/loop"
	"lpg/internal/model"
	"lpg/internal/repository"
	"lpg/internal/rowdiff"
	"lpg/internal/validate"
	"lpg/internal/workbook"
)

type importCmd struct {
	c          *Command
	root       rootFlag
	form       string
	month      string
	submitter  string
	receivedAt string
	channel    string
	note       string
	sheet      string
	replace    bool
	allowEmpty bool
}

// Run imports a clerk's file (.xlsx, .csv, .txt, an .xls that is really
// CSV): it reads it with every normalisation lpg knows, validates it in the
// context of the repository as if it were already in place, and only then
// writes the canonical UTF-8 CSV to data/<form>/YYYY-MM/<submitter>.csv.
// With --received-at or --channel it also records the receipt in
// data/receipts.csv (for files that came by e-mail: 代报).
func (m *importCmd) Run(_ context.Context, args []string) error {
	fs := newFlagSet(m.c, "import")
	m.root.register(fs)
	fs.StringVar(&m.form, "form", "", "表的种类：hazards（排查表）、rectifications（汇总表）或 inspections（入户安检量表）")
	fs.StringVar(&m.month, "month", "", "月份 YYYY-MM（默认：从隐患编号推断；入户安检量表必须指定）")
	fs.StringVar(&m.submitter, "submitter", "", "企业编号或街镇代码（默认：从隐患编号推断；入户安检量表必须指定）")
	fs.StringVar(&m.receivedAt, "received-at", "", "代报：收件时间 RFC 3339，写入 data/receipts.csv")
	fs.StringVar(&m.channel, "channel", "", "代报：收件渠道（如 email），写入 data/receipts.csv")
	fs.StringVar(&m.note, "note", "代报", "代报：备注")
	fs.StringVar(&m.sheet, "sheet", "", "xlsx 中要读取的工作表（有多个工作表时必须指定）")
	fs.BoolVar(&m.replace, "replace", false, "允许替换已有文件并删除其中不再出现的隐患行")
	fs.BoolVar(&m.allowEmpty, "allow-empty", false, "与 --replace 一起：允许用没有数据行的表格清空已有文件")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("用法：lpg import 文件 --form hazards|rectifications|inspections [--month YYYY-MM] [--submitter ID]")
	}
	if m.form != form.Hazards && m.form != form.Rectifications && m.form != form.Inspections {
		return usagef("--form 只能是 hazards（排查表）、rectifications（汇总表）或 inspections（入户安检量表）")
	}
	if m.form == form.Inspections && (m.month == "" || m.submitter == "") {
		return usagef("入户安检量表中没有隐患编号，无法推断月份和企业：请用 --month YYYY-MM 和 --submitter 企业编号 指定")
	}
	var receivedAt time.Time
	if m.receivedAt != "" {
		if receivedAt, err = time.Parse(time.RFC3339, m.receivedAt); err != nil {
			return usagef("--received-at %q 不是 RFC 3339 时间（如 2026-11-20T09:30:00+08:00）", m.receivedAt)
		}
		if msg, hint, frac := validate.FractionalReceipt(m.receivedAt); frac {
			return usagef("--received-at：%s；%s", msg, hint)
		}
		if msg, hint, future := validate.FutureReceipt(receivedAt, m.c.now()); future {
			return usagef("--received-at：%s（%s）。未写入任何文件。", msg, hint)
		}
	}
	if m.month != "" {
		if _, err := layout.ParseMonth(m.month); err != nil {
			return usagef("--month %q 不是 YYYY-MM 形式的月份", m.month)
		}
	}
	if m.submitter != "" && !layout.IsSubmitterID(m.submitter) {
		return usagef("--submitter %q 不是企业编号或 9 位街镇代码（只能有字母和数字）", m.submitter)
	}
	repo, err := m.root.open()
	if err != nil {
		return err
	}
	defer repo.Close()
	src := pos[0]
	raw, err := os.ReadFile(src)
	if err != nil {
		return usagef("读不到文件 %q：%v", src, err)
	}
	text := raw
	sheet := ""
	var merged []workbook.Merged
	var shownCells, dateCells []workbook.Shown
	switch kind := csvio.Sniff(raw); {
	case kind == csvio.KindXLS:
		return usagef("%s 是旧版二进制 .xls 文件，lpg 不能直接读取：请在 Excel 中“另存为”.xlsx 或“CSV UTF-8（逗号分隔）”后再导入", src)
	case kind == csvio.KindODS:
		return usagef("%s 是 LibreOffice/OpenOffice 的 .ods 电子表格，lpg 不能直接读取：请在 LibreOffice 中“文件”→“另存为”，文件类型选“Excel 2007-365 (.xlsx)”，或选“文本 CSV (.csv)”并把字符集设为 UTF-8，再导入另存的文件", src)
	case kind == csvio.KindZip:
		return usagef("%s 是 zip 压缩包，不是表格：请解压后导入其中的 .xlsx 或 .csv 文件", src)
	case kind == csvio.KindXLSX || strings.EqualFold(filepath.Ext(src), ".xlsx"):
		ws, err := workbook.ReadXLSX(raw, m.sheet, m.form)
		var several *workbook.SeveralSheetsError
		switch {
		case errors.As(err, &several):
			return usagef("%s", severalSheets(src, several))
		case err != nil:
			return usagef("%s 无法作为 Excel 工作簿读取（%v）：请确认是 Excel 2007 以上的 .xlsx 文件、未加密，且不超过 %d 行", src, err, workbook.MaxRows)
		}
		text, sheet, merged, shownCells, dateCells = ws.Text, ws.Name, ws.Merged, ws.Shown, ws.Dates
		if ws.Hidden {
			fmt.Fprintf(m.c.Stderr, "读取工作表“%s”（隐藏的工作表）。\n", sheet)
		} else {
			fmt.Fprintf(m.c.Stderr, "读取工作表“%s”。\n", sheet)
		}
	}
	// The working tree as it is, validated once (target may need it to
	// find a 汇总表's town).
	current := sync.OnceValues(func() (*validate.Result, error) { return m.c.load(repo, repo.Disk(), nil) })
	target, err := m.target(current, text)
	if err != nil {
		return err
	}
	// Validate the whole repository with the file in place: a file that is
	// fine on its own can still break others (a shorter 排查表 leaves town
	// rows pointing at hazards that are gone). Only errors that the import
	// itself causes block it.
	before, err := current()
	if err != nil {
		return err
	}
	res, err := m.c.load(repo, repo.Overlay(target, text), nil, target) // target's rows kept for res.Canonical
	if err != nil {
		return err
	}
	// What the import causes (validate.Caused, lpg check's filter too):
	// all of the target's diagnostics, shown at the clerk's own cells, and
	// of other files only the errors it causes (their warnings are not the
	// clerk's to fix).
	own, others, err := validate.Caused(res.Diags.Items(), func(p string) bool { return p == target },
		func() ([]diag.Diagnostic, error) { return before.Diags.Items(), nil })
	if err != nil {
		return err
	}
	var shown diag.List
	files, rows := 0, 0
	place := clerkPlaces(src, sheet, text, m.form)
	for _, mg := range merged {
		d := place(diag.Diagnostic{Value: mg.Value, Code: "xlsx.merged", Severity: diag.Warning,
			Message: fmt.Sprintf("%s 是合并单元格：已按 %s 的值“%s”读入第 %d–%d 行", mg.Range, mg.Cell, mg.Value, mg.Rows[0], mg.Rows[1]),
			Hint:    "请核对这几行是否都是这个值；在 Excel 中取消合并（选中该区域→再点一次“合并后居中”）并填好每一行"})
		d.File += " " + mg.Range
		shown.Add(d)
	}
	for _, sc := range shownCells {
		shown.Add(place(shownWarning(sc)))
	}
	for _, dc := range dateCells {
		shown.Add(place(dateWarning(dc)))
	}
	for _, d := range own {
		shown.Add(place(d))
	}
	if old, err := repo.Disk().ReadFile(target); err == nil {
		if d, ok := rowdiff.LostZeros(target, old, text); ok { // 0012345 → 12345 since the file it replaces (G1)
			shown.Add(place(d))
		}
	}
	for _, d := range others {
		if d.Severity == diag.Error {
			shown.Add(d)
		}
	}
	for _, f := range res.Data.Files {
		if f.Path == target {
			files, rows = 1, f.Rows
		}
	}
	// The gate's month rule on the centre's own path (review round 3, G33):
	// committed now, the file's receipt would be before its month ended.
	if d, ok := validate.NotEnded(target, m.c.now(), "现在"); ok {
		shown.Add(d)
	}
	sum := diag.NewSummary(files, rows, &shown)
	fmt.Fprintf(m.c.Stdout, "%s → %s\n", src, target)
	if err := diag.WriteText(m.c.Stdout, sum); err != nil {
		return err
	}
	if len(sum.Errors) > 0 {
		fmt.Fprintln(m.c.Stdout, "有错误，未写入任何文件。请按提示在 Excel 中改正后重新导入。")
		return errInvalid
	}
	if removed := removedRows(before, res, target); len(removed) > 0 && rows == 0 && !m.allowEmpty {
		fmt.Fprintf(m.c.Stdout, "%s 已有 %d 行，导入的表格却没有数据行（可能导入了空白模板）：未写入任何文件。如确要清空该文件，请加 --replace --allow-empty。\n", target, len(removed))
		return errInvalid
	}
	if removed := removedRows(before, res, target); len(removed) > 0 && !m.replace {
		more := ""
		if len(removed) > 10 {
			more = fmt.Sprintf(" 等 %d 条", len(removed))
			removed = removed[:10]
		}
		fmt.Fprintf(m.c.Stdout, "%s 已存在，导入后将删除其中的 %s%s。未写入任何文件：如确要替换，请加 --replace。\n", target, strings.Join(removed, "、"), more)
		return errInvalid
	}
	out, ok := res.Canonical(target)
	if !ok {
		return fmt.Errorf("internal: no canonical form for %s", target)
	}
	if m.receivedAt != "" {
		if msg, hint, early := validate.EarlyReceipt(target, receivedAt); early {
			fmt.Fprintf(m.c.Stdout, "--received-at：%s（%s）。未写入任何文件。\n", msg, hint)
			return errInvalid
		}
	}
	var git gitTime
	if m.receivedAt != "" || m.channel != "" {
		// Before anything is written: a shallow clone fails here.
		if git, err = gitReceipt(repo, target); err != nil {
			return err
		}
	}
	if err := repo.WriteFile(target, out); err != nil {
		return err
	}
	fmt.Fprintf(m.c.Stdout, "已写入 %s（%d 行）。\n", target, rows)
	if m.receivedAt != "" || m.channel != "" {
		var isRect bool
		for _, f := range res.Data.Files {
			if f.Path == target {
				isRect = f.Form == model.FormRectifications
			}
		}
		onSite := isRect && noRowNeeded(res, target)
		if isRect && fileFilled(res, target) == 0 {
			if !onSite {
				// README 汇总表的收件: a 汇总表 without a filled row (header
				// only, or the 预填汇总表 untouched: G3) is no submission, so
				// its receipt would make the real file, arriving later, on time.
				fmt.Fprintf(m.c.Stdout, "没有填写整改状态的汇总表（只有表头，或整改状态都空着的预填汇总表）不算报送，所以没有在 %s 登记收件时间：收到填了整改情况的汇总表时再用 --received-at 导入。\n", layout.ReceiptsFile)
				return nil
			}
			fmt.Fprintln(m.c.Stdout, "该街镇这个月的隐患都是当场整改，没有需要填写的行：没有填写整改状态的汇总表也算报送。")
		}
		placeholder := isRect && fileFilled(before, target) == 0 && !onSite // present, no filled row, not a submission
		if onSite {
			git.at, git.ok = git.first, git.firstOK // every version is a submission
		}
		return m.recordReceipt(repo, target, receivedAt, git, placeholder)
	}
	return nil
}

// shownWarning is the warning xlsx.number_format for cells of a code or
// phone column that ReadXLSX read as their number format shows them
// (workbook.Shown: 12345 in format 00000000 read as 00012345; review
// round 4, H4), at the first cell: a reading that differs from the
// stored value is never silent.
func shownWarning(s workbook.Shown) diag.Diagnostic {
	d := diag.Diagnostic{Column: s.Column, Row: s.Row, Value: s.Value, Code: "xlsx.number_format", Severity: diag.Warning,
		Hint: "请核对；把该列设为“文本”格式后再输入编号，可免此提示"}
	if len(s.Cells) == 1 {
		d.Message = fmt.Sprintf("存的是数字 %s，单元格格式“%s”把它显示为“%s”：已按显示的“%s”读取", s.Raw, s.Format, s.Value, s.Value)
		return d
	}
	cells := strings.Join(s.Cells, "、")
	if len(s.Cells) > 3 {
		cells = strings.Join(s.Cells[:3], "、") + " 等"
	}
	d.Message = fmt.Sprintf("%s 共 %d 个单元格存的是数字，单元格格式“%s”显示的与存的不同（如 %s 存的是 %s，显示为“%s”）：已按显示的内容读取",
		cells, len(s.Cells), s.Format, s.Cells[0], s.Raw, s.Value)
	return d
}

// dateWarning is the warning xlsx.date_in_text for cells of a text, code
// or phone column that hold a date (workbook.Dates), at the first cell: a
// spreadsheet makes a date of 1/2 or 10-05 typed into a General cell
// (LibreOffice 7.4: 备注 1/2 → 01/02/26 in English, 10-05 → 26年10月5日 in
// Chinese), and the .xlsx keeps only the date, which lpg reads as
// YYYY-MM-DD; the clerk is told, since the text typed is gone.
func dateWarning(s workbook.Shown) diag.Diagnostic {
	d := diag.Diagnostic{Column: s.Column, Row: s.Row, Value: s.Value, Code: "xlsx.date_in_text", Severity: diag.Warning,
		Hint: "如果这里填的是“1/2”“10-05”这样的文字，是电子表格把它当成了日期，原来输入的文字已不在文件中：把该列设为“文本”格式后重新输入；确是日期则无需处理"}
	if len(s.Cells) == 1 {
		d.Message = fmt.Sprintf("%s是日期格式的单元格（存的是日期序号 %s）：已按日期“%s”读取", s.Column, s.Raw, s.Value)
		return d
	}
	cells := strings.Join(s.Cells, "、")
	if len(s.Cells) > 3 {
		cells = strings.Join(s.Cells[:3], "、") + " 等"
	}
	d.Message = fmt.Sprintf("%s 共 %d 个%s单元格是日期格式（如 %s 存的是日期序号 %s）：已按日期读取（%s 读作“%s”）",
		cells, len(s.Cells), s.Column, s.Cells[0], s.Raw, s.Cells[0], s.Value)
	return d
}

// severalSheets is the message for a workbook of which several
// worksheets hold data (workbook.SeveralSheetsError): it names each, the
// hidden ones marked （隐藏） with how to show them (review round 4, H11:
// a hidden sheet's rows were dropped without a word).
func severalSheets(src string, e *workbook.SeveralSheetsError) string {
	names := make([]string, len(e.Sheets))
	for i, s := range e.Sheets {
		names[i] = "“" + s + "”"
		if slices.Contains(e.Hidden, s) {
			names[i] += "（隐藏）"
		}
	}
	msg := fmt.Sprintf("%s 有 %d 个工作表都有内容（%s）：为免漏读，请用 --sheet 指定要导入的一个，或把内容合并到一个工作表", src, len(e.Sheets), strings.Join(names, "、"))
	if len(e.Hidden) > 0 {
		msg += "。隐藏的工作表在 Excel 中看不到：右键任一工作表标签→“取消隐藏”即可查看；其中的行不是隐患数据时，请删除该工作表后再导入"
	}
	return msg
}

// fileFilled is the number of filled rows (model.File.Filled: 整改状态 not
// empty) of the 汇总表 p in r, -1 when r has no such file.
func fileFilled(r *validate.Result, p string) int {
	for _, f := range r.Data.Files {
		if f.Path == p {
			return f.Filled
		}
	}
	return -1
}

// noRowNeeded reports whether the town of the 汇总表 p has hazards of its
// month in r and all were rectified on the spot (loop.NoRowNeeded): its
// file is a submission without a filled row, so its receipt is recorded
// (README 汇总表的收件; review round 4 H9).
func noRowNeeded(r *validate.Result, p string) bool {
	sub, err := layout.ParseSubmission(p)
	if err != nil || r == nil || r.Data == nil {
		return false
	}
	return loop.NoRowNeeded(r.Data, nil, sub.Month, sub.Submitter, time.Time{})
}

// removedRows lists the hazard ids (or, for a 汇总表, the hazard ids of the
// rows) that target held before and no longer holds.
func removedRows(before, after *validate.Result, target string) []string {
	ids := func(r *validate.Result) map[string]bool {
		m := map[string]bool{}
		for _, h := range r.Data.Hazards {
			if h.File == target {
				m[h.ID] = true
			}
		}
		for id, rc := range r.Data.Rects {
			if rc.File == target {
				m[id] = true
			}
		}
		return m
	}
	now := ids(after)
	var out []string
	for id := range ids(before) {
		if !now[id] {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// target works out data/<form>/YYYY-MM/<submitter>.csv from the flags or,
// failing them, from the hazard ids in the file (E01-202607-0001: E01,
// 2026-07) and, for a 汇总表, from the towns of those hazards.
func (m *importCmd) target(current func() (*validate.Result, error), text []byte) (string, error) {
	t, _ := csvio.Read("import", text, form.Get(m.form).Columns)
	ids := map[string]int{}
	var hazardIDs []string
	if t != nil {
		for _, r := range t.Records {
			id := csvio.CleanCode(r.Values["hazard_id"]).Value
			if h, err := layout.ParseHazardID(id); err == nil {
				ids[h.Enterprise+"|"+h.Month.String()]++
				hazardIDs = append(hazardIDs, id)
			}
		}
	}
	month, sub := m.month, m.submitter
	if best := mostCommon(ids); best != "" {
		ent, mon, _ := strings.Cut(best, "|")
		if month == "" {
			month = mon
		}
		if sub == "" && m.form == form.Hazards {
			sub = ent
		}
	}
	if sub == "" && m.form == form.Rectifications && len(hazardIDs) > 0 {
		res, err := current()
		if err != nil {
			return "", err
		}
		byID := res.Data.HazardByID()
		towns := map[string]int{}
		for _, id := range hazardIDs {
			if h := byID[id]; h != nil {
				towns[h.Town]++
			}
		}
		sub = mostCommon(towns)
	}
	mon, err := layout.ParseMonth(month)
	if err != nil {
		return "", usagef("无法确定月份：请用 --month YYYY-MM 指定")
	}
	if sub == "" {
		return "", usagef("无法确定提交单位：请用 --submitter 指定企业编号或 9 位街镇代码")
	}
	return layout.Submission{Kind: layout.Kind(m.form), Month: mon, Submitter: sub}.Path(), nil
}

func mostCommon(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	best, n := "", 0
	for _, k := range keys {
		if m[k] > n {
			best, n = k, m[k]
		}
	}
	return best
}

// recordReceipt records in data/receipts.csv when target was received
// (at, or the clock when zero). The first receipt of a file counts
// (DESIGN.md "Time"): when the file is listed already, the earlier of the
// two times is kept; when it is not listed but already on the main line
// (HEAD's first-parent history), a time at or after its first appearance
// there is not recorded (receipts.csv wins over git, so a later line would
// make an on-time file late).
//
// placeholder says that the repository's target is a 汇总表 without a
// filled row (header only, or an untouched 预填汇总表) before this import:
// a receipt listed for it was the receipt
// of a placeholder, which is no submission (README 汇总表的收件), so this
// receipt replaces it even when later.
func (m *importCmd) recordReceipt(repo *repository.Repo, target string, at time.Time, git gitTime, placeholder bool) error {
	if at.IsZero() {
		at = m.c.now()
	}
	channel := m.channel
	if channel == "" {
		channel = "email"
	}
	recs, err := repo.Receipts()
	if err != nil {
		return err
	}
	line := []string{target, calendar.FormatTime(at), channel, m.note}
	i, listed := recs.Find(target)
	if !listed {
		// A file already on the main line was received when it first
		// appeared there (DESIGN.md "Time"); a receipt can only move that
		// earlier (代报: it came by e-mail before it was committed), never
		// later: an update brought in by e-mail is not a new receipt.
		if first, ok := git.at, git.ok; ok && !at.Before(first) {
			fmt.Fprintf(m.c.Stdout, "%s 已于 %s 收到（主线上第一次出现该文件的提交时间），这次是更新，收件时间不变：收件时间只能提前（代报），不能推后，所以没有在 %s 登记 %s。\n",
				target, calendar.FormatTime(first), layout.ReceiptsFile, calendar.FormatTime(at))
			return nil
		}
	}
	if listed {
		prev, err := time.Parse(time.RFC3339, recs.Rows[i][1])
		if err == nil && !at.Before(prev) && placeholder {
			fmt.Fprintf(m.c.Stdout, "%s 原有的收件记录（%s）是没有填写整改状态、不算报送的汇总表的；按这次收到的填了整改情况的文件改登记。\n", layout.ReceiptsFile, calendar.FormatTime(prev))
		} else if err == nil && !at.Before(prev) {
			fmt.Fprintf(m.c.Stdout, "%s 已有 %s 更早的收件记录（%s），保留不变。\n", layout.ReceiptsFile, target, calendar.FormatTime(prev))
			return nil
		}
		recs.Rows[i] = line
	} else {
		recs.Rows = append(recs.Rows, line)
	}
	if err := repo.WriteReceipts(recs); err != nil {
		return err
	}
	fmt.Fprintf(m.c.Stdout, "已在 %s 记录收件时间 %s。\n", layout.ReceiptsFile, calendar.FormatTime(at))
	return nil
}

// gitTime is a file's receipt from git, ok false when git has none, and
// the time of its first version whatever it held (history.Index.
// FirstVersionAt: for a 汇总表 also one without a filled row).
type gitTime struct {
	at      time.Time
	ok      bool
	first   time.Time
	firstOK bool
}

// gitReceipt is the receipt git gives the file p of repo: the committer
// time of the oldest first-parent commit of HEAD in which it exists
// (repository.Repo.History, history.Index.ReceivedAt; for a 汇总表, with a
// filled row), and that of its first version of any content
// (FirstVersionAt). Not ok outside git, in a repository without commits
// and for a path never committed. A shallow clone cannot say (its history
// is cut): that is an error.
func gitReceipt(repo *repository.Repo, p string) (gitTime, error) {
	ix, err := repo.History()
	if err != nil || ix == nil {
		return gitTime{}, err
	}
	var g gitTime
	g.at, g.ok = ix.ReceivedAt(p)
	g.first, g.firstOK = ix.FirstVersionAt(p)
	return g, nil
}
