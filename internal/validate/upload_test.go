package validate

import (
	"os"
	"path/filepath"
	"testing"
)

// TestUploadNameHint: a file uploaded under the name it was downloaded or
// saved as gets one file.location error whose hint names the path it must
// have, found from the folder, the name or the hazard ids in it (issue 12
// finding 4). The fixture is testdata/clerk at the top of the repository.
func TestUploadNameHint(t *testing.T) {
	rows := "隐患编号,村居,整改状态,整改方式,整改完成日期,核查人,未整改原因,移交联合整治,备注\nE01-202609-0001,北大街居委会,已整改,更换,2026-10-08,王,,否,\n"
	tests := []struct{ path, body, hint string }{
		{"data/rectifications/2026-09/rectification-2026-09.csv", rows,
			"“rectification-2026-09.csv”不是上传用的文件名（网站下载的文件请改名）：应上传为 data/rectifications/2026-09/310118102.csv（文件名是 9 位街镇代码，放在以月份命名的文件夹中）"},
		{"data/rectifications/rectification-2026-09.csv", rows,
			"“rectification-2026-09.csv”不是上传用的文件名（网站下载的文件请改名）：应上传为 data/rectifications/2026-09/310118102.csv（文件名是 9 位街镇代码，放在以月份命名的文件夹中）"},
		{"data/rectifications/2026-09/朱家角镇.csv", "隐患编号,整改状态,核查人\n",
			"“朱家角镇.csv”不是上传用的文件名（网站下载的文件请改名）：应上传为 data/rectifications/2026-09/310118102.csv（文件名是 9 位街镇代码，放在以月份命名的文件夹中）"},
		{"data/rectifications/2026-09/310118102.xlsx", "PK\x03\x04",
			"在 Excel 中“另存为”CSV UTF-8，文件名写 310118102.csv，应上传为 data/rectifications/2026-09/310118102.csv（文件名是 9 位街镇代码，放在以月份命名的文件夹中）"},
		{"data/hazards/2026-10/排查表模板.csv", hazardHeader + "E02-202610-0001,朱家角镇,北大街居委会,居民,张三,13800000001,北大街1号,2026-10-05,李四,HOSE_AGED,,,当场整改,,,\n",
			"“排查表模板.csv”不是上传用的文件名（网站下载的文件请改名）：应上传为 data/hazards/2026-10/E02.csv（文件名是企业编号，放在以月份命名的文件夹中）"},
		{"data/rectifications/2026-09/汇总表.csv", "隐患编号,整改状态,核查人\n",
			"例如 data/rectifications/2026-07/310118102.csv：月份文件夹是隐患的安检月份，文件名是 9 位街镇代码"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			root := t.TempDir()
			if err := os.CopyFS(root, os.DirFS("../../testdata/clerk")); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(root, tt.path)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Repository(os.DirFS(root), []string{tt.path})
			if err != nil {
				t.Fatal(err)
			}
			errs := res.Diags.Errors()
			if len(errs) != 1 || errs[0].Code != "file.location" {
				t.Fatalf("errors = %s, want one file.location", brief(errs))
			}
			if errs[0].Hint != tt.hint {
				t.Errorf("hint = %q\nwant   %q", errs[0].Hint, tt.hint)
			}
		})
	}
}
