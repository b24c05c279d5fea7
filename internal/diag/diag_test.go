package diag

import (
	"strings"
	"testing"
)

func sample() *List {
	var l List
	l.Add(Diagnostic{File: "data/b.csv", Line: 3, Row: 3, Column: "联系电话", Value: "1.38E+10", Code: "phone.scientific",
		Message: "联系电话“1.38E+10”是科学计数法", Hint: "设为文本格式", Severity: Error})
	l.Add(Diagnostic{File: "data/a.csv", Line: 1, Code: "encoding.bom", Message: "去除 BOM", Hint: "无需处理", Severity: Warning})
	l.Add(Diagnostic{File: "data/a.csv", Line: 7, Row: 6, Column: "备注", Value: "a,b:c%", Code: "x.y", Message: "多行\n消息", Severity: Error})
	l.Add(Diagnostic{File: "data/a.csv", Line: 7, Row: 6, Column: "备注", Value: "a,b:c%", Code: "x.y", Message: "多行\n消息", Severity: Error}) // duplicate
	return &l
}

func TestSortAndDedup(t *testing.T) {
	l := sample()
	errs := l.Errors()
	if len(errs) != 2 || errs[0].File != "data/a.csv" || errs[1].File != "data/b.csv" {
		t.Errorf("errors not sorted/deduplicated: %+v", errs)
	}
	if !l.HasErrors() || len(l.Warnings()) != 1 {
		t.Error("severity split wrong")
	}
}

func TestWriteText(t *testing.T) {
	var b strings.Builder
	if err := WriteText(&b, NewSummary(2, 10, sample())); err != nil {
		t.Fatal(err)
	}
	want := "data/a.csv:7:备注: 错误: 多行\n消息（值：\"a,b:c%\"） [x.y]\n" +
		"data/b.csv:3:联系电话: 错误: 联系电话“1.38E+10”是科学计数法（提示：设为文本格式） [phone.scientific]\n" +
		"data/a.csv:1: 警告: 去除 BOM（提示：无需处理） [encoding.bom]\n" +
		"检查了 2 个文件、10 行数据：2 个错误，1 个警告。\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteGitHubEscapes(t *testing.T) {
	var b strings.Builder
	if err := WriteGitHub(&b, NewSummary(2, 10, sample())); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("one annotation per diagnostic, got %d lines:\n%s", len(lines), b.String())
	}
	if lines[0] != "::error file=data/a.csv,line=7,title=备注 x.y::多行%0A消息（值：a,b:c%25）" {
		t.Errorf("annotation = %q", lines[0])
	}
	if !strings.HasPrefix(lines[2], "::warning file=data/a.csv,line=1,title=encoding.bom::") {
		t.Errorf("warning = %q", lines[2])
	}
}

func TestWriteJSONShape(t *testing.T) {
	var b strings.Builder
	var empty List
	if err := WriteJSON(&b, NewSummary(0, 0, &empty)); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "{\n  \"files\": 0,\n  \"rows\": 0,\n  \"errors\": [],\n  \"warnings\": []\n}\n" {
		t.Errorf("empty summary = %q", got)
	}
}

// TestWriteTextOneLineLocation: a diagnostic of no file starts with its
// kind (not “: 警告”), and a header typed with Alt+Enter keeps the location
// on one line.
func TestWriteTextOneLineLocation(t *testing.T) {
	var l List
	l.Add(Diagnostic{Code: "commit.backdated", Message: "提交时间早于检查时间", Severity: Warning})
	l.Add(Diagnostic{File: "data/a.csv", Line: 1, Column: "隐患\n描述", Code: "header.alias", Message: "表头“隐患↵描述”按“隐患描述”列读取", Severity: Warning})
	var b strings.Builder
	if err := WriteText(&b, NewSummary(1, 0, &l)); err != nil {
		t.Fatal(err)
	}
	want := "警告: 提交时间早于检查时间 [commit.backdated]\n" +
		"data/a.csv:1:隐患↵描述: 警告: 表头“隐患↵描述”按“隐患描述”列读取 [header.alias]\n" +
		"检查了 1 个文件、0 行数据：0 个错误，2 个警告。\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
