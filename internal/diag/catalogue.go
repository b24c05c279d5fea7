package diag

import "strings"

// Entry is one diagnostic code of the catalogue: the code (part of the
// JSON contract of lpg validate and lpg check, DESIGN.md "Diagnostics"),
// what its message says in Chinese (a template: … stands for the file's
// values, which each message names) and the usual way to fix it.
//
// A code written "*.required" is a family: "<field>.required" for every
// field of a JSON Schema in schema/ ("phone.required"); "schema.*" is
// "schema.<keyword>" for a schema keyword with no column.
type Entry struct {
	Code    string
	Message string
	Hint    string
}

// Catalogue lists every code lpg emits, sorted by code. A test reads the
// source of every package and fails when a code is emitted that is not
// listed here, or listed here and never emitted.
var Catalogue = []Entry{
	{"*.duplicate", "“…”重复出现（编号、代码等应唯一的列）", "删除重复的一行，或改正编号"},
	{"*.enum", "…不在可选范围内：“…”", "从下拉列表或表头说明中的选项里选一个；提示会给出最接近的写法"},
	{"*.format", "…格式不对：“…”", "按提示的格式填写（该列在 schema/ 中的规则）"},
	{"*.invalid", "日期“…”不是可识别的、存在的日期，或两位年份无法确定年份", "填写为 2026-07-05 这样的日期（也接受 2026/7/5、2026.7.5、2026年7月5日）"},
	{"*.leading_zero", "电话“…”像是丢了开头的 0 的固定电话", "把该列设为“文本”格式，填写如 021-59720000"},
	{"*.month_first", "日期“…”是英文版 Excel 或 LibreOffice 的“月/日/年”短日期（如 10/19/26），lpg 不按月在前读取", "把该列设为自定义格式 YYYY-MM-DD（或“文本”后填写 2026-07-05），再另存为 CSV"},
	{"*.required", "必填项“…”为空（或按另一列的取值必须填写）", "补填该列"},
	{"*.scientific", "电话或编号（告知单编号、用户编号、安检单号等代码列）“…”是科学计数法，号码已不完整", "在 Excel 中把该列设为“文本”，重新输入完整号码或编号后再保存"},
	{"account.at", "账号“@…”按“…”读取", "账号名前不写“@”"},
	{"account.duplicate", "账号“…”重复出现（账号名不区分大小写）", "删除重复的一行"},
	{"active_to.before", "企业的停止月份早于开始月份", "active_to 不能早于 active_from"},
	{"closure.backdated", "上一版未办结的隐患改为已办结，整改完成日期却早于上一版的收件日期（倒填日期）", "如确实早已整改、只是迟报，在 pull request 说明中写明原因；审核人核实整改完成日期"},
	{"closure.rewritten", "改动了上一版已办结的隐患的整改状态、整改完成日期或移交联合整治（写明列、原值和新值）", "更正登记错误可以，但在 pull request 说明中逐条写明原因和依据；审核人逐条核对"},
	{"closure.voided", "汇总表截止之后，把未办结的隐患改为“核实无此隐患”，过去各期月报的街镇逾期未办结随之消失", "在 pull request 说明中逐条写明核实的依据；审核人核实"},
	{"code.prefix", "村居代码“…”与所属街镇“…”不符", "村居代码的前 9 位是所属街镇的代码"},
	{"commit.backdated", "提交的时间早于检查时间超过 24 小时", "收件时间只按 forge 记录的 pull request 创建时间计；审核人核实提交时间"},
	{"commit.future", "提交的时间晚于检查时间超过 24 小时", "收件时间只按 forge 记录的 pull request 创建时间计；审核人核实电脑时间"},
	{"commit.head_future", "可 fast-forward 合并的 pull request 中有提交的时间晚于现在超过 10 分钟：合并后网站会按将来的日期统计", "调准电脑时间，git commit --amend --no-edit --reset-author 后推送"},
	{"data.missing", "本次提交后仓库中没有 data/ 目录", "不要删除或移动 data/ 目录"},
	{"date.normalised", "日期“…”按 YYYY-MM-DD 读取", "无需处理；规范写法为 YYYY-MM-DD"},
	{"date.short_year", "日期“…”只有两位年份，按本表月份读出年份", "请核对；写成四位年份可免此提示"},
	{"description.required", "隐患类别为“其他”时必须填写隐患描述", "用一句话写明发现的隐患"},
	{"due_date.before", "整改期限早于安检日期", "改正整改期限；留空则按隐患类别的默认期限"},
	{"due_date.far", "整改期限比安检日期晚得不合理（重大隐患超过 90 天，其他超过 365 天），这条隐患会长期不算逾期", "核对年份和月份；留空则按隐患类别的默认期限"},
	{"due_date.late", "整改期限晚于隐患类别的默认期限（hazard_types.csv 的 deadline_days）", "以告知单为准；比默认期限长时在备注中写明原因"},
	{"edition.published", "这个月份已计入已发布的月报；本次更正在下一版月报中体现", "在 pull request 说明中写明更正原因"},
	{"encoding.binary", "文件不是 CSV（是 Excel 工作簿、LibreOffice 表格、压缩包等）", "在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”，或用 lpg import 转换"},
	{"encoding.gb18030", "文件是 GBK/GB18030 编码，已转换为 UTF-8", "建议另存为“CSV UTF-8（逗号分隔）”，以免生僻字丢失"},
	{"encoding.invalid", "文件是 UTF-16 编码，但内容无法解码", "在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后重新提交"},
	{"encoding.lost", "单元格中有“?”或“\uFFFD”：生僻字在保存时已丢失", "另存为 UTF-8 后重新提交，并核对该单元格的原字"},
	{"encoding.utf16", "文件是 UTF-16（Excel“Unicode 文本”）编码，已转换为 UTF-8", "建议另存为“CSV UTF-8（逗号分隔）”"},
	{"escalation.withdrawn", "上一版为拒不整改或已移交联合整治的隐患，本次仍未办结却不再是拒不整改或不再移交，过去各期月报的名单随之改变", "在 pull request 说明中写明原因和依据；审核人核实"},
	{"file.enterprise", "文件名中的企业编号不在 enterprises.csv 中", "文件名应为本企业的编号，如 E01.csv"},
	{"file.future", "月份文件夹晚于当前月份的下一个月", "核对月份文件夹的年份和月份"},
	{"file.gitlink", "这是一个子模块（gitlink），不是文件内容", "删除该子模块，把真正的 CSV 文件放在这个位置"},
	{"file.ignored", "data/ 下的这个文件不是 lpg 的数据文件，已忽略", "Excel 文件请先另存为 CSV（或用 lpg import 转换）再提交"},
	{"file.inactive", "企业在该月不在经营期内", "核对月份文件夹是否正确"},
	{"file.location", "文件不在约定的位置（路径、月份文件夹或文件名不对）", "排查表放在 data/hazards/YYYY-MM/<企业编号>.csv，汇总表放在 data/rectifications/YYYY-MM/<街镇代码>.csv，入户安检量表放在 data/inspections/YYYY-MM/<企业编号>.csv"},
	{"file.missing", "缺少参考数据文件", "从 lpg 仓库的 data/reference/ 复制该文件"},
	{"file.month", "“…”不是 YYYY-MM 形式的月份", "月份写作 4 位年份、短横线、2 位月份，如 2026-07，前后不能有空格"},
	{"file.symlink", "这是一个符号链接，lpg 不读取它指向的内容", "把真正的文件放在这个位置"},
	{"file.town", "文件名不是 towns.csv 中的街镇代码", "文件名应为 9 位街镇代码，如 310118102.csv"},
	{"file.unfilled", "汇总表没有一行填了整改状态，合并后仍算未报送（该街镇本月的隐患不全是当场整改）", "为已有进展的隐患填写整改状态和核查人后再提交；隐患全部是当场整改的月份只交表头也算报送"},
	{"hazard.removed", "本次删除了已提交的隐患", "隐患登记错误请保留该行并在备注中说明，由街镇填“核实无此隐患”"},
	{"hazard_id.duplicate", "隐患编号“…”重复", "每条隐患一个编号，序号不重复"},
	{"hazard_id.file", "隐患编号与文件的企业编号或月份不符", "隐患编号应以“企业编号-年月-”开头"},
	{"hazard_id.format", "隐患编号“…”格式不对", "格式为 企业编号-年月-序号，如 E01-202607-0018"},
	{"hazard_id.month", "隐患不属于这个月份的汇总表", "把这一行移到该隐患月份的汇总表"},
	{"hazard_id.town", "隐患属于另一个街镇", "删除这一行：该隐患由所属街镇整改"},
	{"hazard_id.unchecked", "隐患所在的排查表本身有错误，暂时无法核对这一行", "待企业改正排查表后会重新核对，街镇无需处理"},
	{"hazard_id.unknown", "隐患编号在该月的排查表中不存在", "从本街镇的派发清单复制隐患编号，不要手工输入"},
	{"hazard_type.short", "隐患类别“…”按规范名称读取", "规范写法见 data/reference/hazard_types.csv"},
	{"hazard_type.unknown", "隐患类别“…”不在隐患目录中", "填写 data/reference/hazard_types.csv 中的代码或名称"},
	{"hazard_types.all", "“*”（全部类别）与具体的隐患类别同时出现", "写 * 就不要再列出具体类别；或者去掉 *"},
	{"hazard_types.unknown", "部门职责中的隐患类别不在隐患目录中", "填写 data/reference/hazard_types.csv 中的代码"},
	{"header.alias", "表头“…”按规范列名读取", "规范表头见模板"},
	{"header.duplicate", "同一表头出现了两次", "删除重复的一列，或把它改成正确的列名"},
	{"header.missing", "找不到表头行：前 10 行中没有一行是本表的列名", "第一行应为表头（可从模板复制）"},
	{"header.required", "缺少必需的列", "在表头中加上这一列（可从模板复制表头）"},
	{"header.title_row", "表头上方的标题行已跳过", "提交的文件第一行应直接是表头"},
	{"header.unknown", "表头“…”不是本表的列", "改成本表的列名；提示会给出最接近的列名"},
	{"inspection.duplicate", "同一街镇（或村居）的同一用户类型填了两行", "把户数合并到一行"},
	{"inspection.fewer", "安检户数少于排查表中在该街镇发现隐患的户数", "安检户数是本月入户安检的全部户数：请核对"},
	{"inspection.mixed", "同一街镇的同一用户类型既填了街镇合计又逐个村居填写", "两者只填一种，以免重复计数"},
	{"inspection.zero", "入户安检量表中该街镇的安检户数为 0，但排查表在该街镇有隐患", "补填安检户数，或改正排查表中的街镇"},
	{"inspection_date.month", "安检日期不在本表所属月份内", "把这一行放到安检月份的排查表中"},
	{"joint_enforcement.void", "汇总表中整改状态为“核实无此隐患”，“移交联合整治”却填了“是”（警告；核实无此隐患的不计入移交联合整治）", "核实无此隐患时把“移交联合整治”改为“否”或留空；隐患确实存在并已移交的，请改正整改状态"},
	{"meeting.date", "会议纪要缺少日期（date）或日期无效", "在 front matter 中写 date: 2026-09-18"},
	{"meeting.decision_done", "会议决定表中完成日期“…”不是有效日期", "写成 已完成（2026-10-28）"},
	{"meeting.decision_due", "会议决定的期限为空或不是有效日期", "写成 2026-10-31 这样的日期"},
	{"meeting.decision_header", "会议决定表缺少必需的列（事项、责任单位、期限）", "表头写“事项 | 责任单位 | 期限”，可另加 编号、街镇、完成情况"},
	{"meeting.decision_item", "会议决定的事项为空", "写明会议决定做什么"},
	{"meeting.decision_owner", "会议决定的责任单位为空", "写明由谁落实，例如：朱家角镇人民政府、区燃气中心"},
	{"meeting.decision_partial", "完成情况以“完成”或“已完成”开头但另有文字（如“完成一半”“已完成金泽镇部分”），按未完成显示（警告）", "全部完成写 已完成（2026-10-28）；部分完成的照原样保留即按未完成显示，也可按街镇分行写"},
	{"meeting.decision_town", "会议决定中的街镇（或作为街镇的责任单位）不是青浦区的街镇", "填写 towns.csv 中的街镇名称；提示会给出最接近的"},
	{"meeting.encoding", "会议纪要不是 UTF-8 编码", "用记事本打开，“另存为”时编码选择“UTF-8”"},
	{"meeting.file_name", "会议纪要的文件名含有电话、门牌号或姓名等个人信息（文件名会出现在网址和链接中）", "改名为 data/meetings/2026-10-22-联席会议.md 这样只含日期和会议名称的名字"},
	{"meeting.front_matter", "会议纪要开头缺少 front matter（标题和日期）", "在文件最前面加上 ---、title: 会议名称、date: 2026-09-18、---"},
	{"meeting.location", "会议纪要的扩展名不是小写 .md 或放在了子文件夹中，网站不会发布它", "改名为 data/meetings/YYYY-MM-DD-….md（扩展名小写，直接放在 data/meetings 下）"},
	{"meeting.title", "会议纪要缺少标题（title）", "在 front matter 中加一行 title: 会议名称"},
	{"merge.stale", "目标分支上该文件已被修改，请先合并目标分支（Update branch）后再检查", "在 pull request 页面点“Update branch”（或在本地合并目标分支）后推送；两边都改了同一个文件时 lpg 不判断 git 自动合并的结果"},
	{"month.not_ended", "排查表、入户安检量表或汇总表所报的月份还没有结束，不能提前提交", "在月末之后、截止时间之前提交（当月没有隐患也在月末之后提交只有表头的排查表；汇总表在收到派发的隐患后提交）"},
	{"newline.mixed", "文件中的换行符不一致，已按每个换行符计为一行读取", "无需处理"},
	{"note.merge_missing", "收件记录中后续改动的一行（pr 渠道，注明合并提交）登记的提交不在主线上，这一行不起作用", "核对合并提交；主线历史被改写过时删除这一行或改为该改动在主线上的提交"},
	{"owner.delete", "已提交的文件不能删除", "撤回隐患由街镇在汇总表中填“核实无此隐患”；文件放错位置请联系区燃气中心"},
	{"owner.file", "账号不能修改这个文件", "只能新增或修改本单位的文件（文件名是本单位编号）"},
	{"owner.gitlink", "不允许提交子模块（gitlink）", "删除该子模块，只上传 CSV 文件本身"},
	{"owner.outside", "企业、街镇账号只能提交 data/ 下本单位的数据文件", "程序、模板和工作流由区燃气中心维护"},
	{"owner.unknown", "账号不在目标分支的 accounts.csv 中", "请区燃气中心先登记该账号并合并，再重新运行检查"},
	{"path.duplicate", "收件记录中同一文件有两行收件时间，或同一文件的同一合并提交登记了两次", "删除重复的一行（同一文件可以有多行的，只有 pr 渠道、注明不同合并提交的后续改动行）"},
	{"path.missing", "收件记录中的文件在仓库中不存在", "核对路径；文件尚未提交时可以先删除这一行"},
	{"quote.open", "引号没有闭合，后面的内容都被当作同一个单元格", "检查该行的引号；在 Excel 中打开后重新另存为 CSV"},
	{"quote.stray", "单元格中间有多余的引号", "删除多余的引号，或在 Excel 中重新另存为 CSV"},
	{"quote.trailing", "引号闭合后还有内容", "删除多余的引号，或在 Excel 中重新另存为 CSV"},
	{"received_at.early", "收件时间早于所报月份结束（排查表、入户安检量表、汇总表都在该月结束之后才可能收到）", "核对年份和月份，填写实际收到文件的时间"},
	{"received_at.format", "收件时间不是 RFC 3339 时间", "如 2026-11-20T09:30:00+08:00"},
	{"received_at.fraction", "收件时间带有不足一秒的部分（收件时间只记到秒）", "去掉秒后面的小数，如 2026-11-25T23:59:59+08:00"},
	{"received_at.future", "收件时间晚于记录它的时间", "填写实际收件的时间"},
	{"received_at.later", "收件记录登记的收件时间晚于该文件第一次出现在主线上的时间（不采用，按主线上的时间计）", "收件记录只用来把收件时间提前（代报）；删除这一行或改为实际最早收到的时间"},
	{"rectified_date.before", "整改完成日期早于安检日期", "请核对整改完成日期"},
	{"rectified_date.future", "整改完成日期晚于报送时间", "填写实际完成整改的日期；尚未完成的写“整改中”"},
	{"report_config.duplicate", "月报设置中同一项写了两次", "每项只写一次"},
	{"report_config.encoding", "月报设置文件不是 UTF-8 编码", "用记事本打开，“另存为”时编码选择“UTF-8”"},
	{"report_config.first_issue", "第1期的月报月份不是 YYYY-MM", "写成 2026-06 这样的月份"},
	{"report_config.first_number", "起始期号不是正整数", "写成 1"},
	{"report_config.front_matter", "月报设置文件开头缺少 front matter", "第一行写 ---，然后每行一项，最后一行 ---"},
	{"report_config.issuer", "缺少印发单位（issuer）", "加一行 issuer: 青浦区燃气管理中心"},
	{"report_config.key", "不认识的设置项", "只用提示中列出的设置项"},
	{"report_config.syntax", "月报设置的一行不是“名称: 值”的形式", "写成 issuer: 青浦区燃气管理中心"},
	{"report_config.title", "月报名称（title）为空", "写成 title: 瓶装液化石油气安全隐患处置月报"},
	{"row.blank", "空行已跳过", "可删除该空行"},
	{"row.fields", "列数与表头不符", "检查该行是否多了或少了逗号"},
	{"row.rewritten", "改动了已收到的隐患中计入统计的列（隐患类别、等级、安检日期、用户等），逐条写出原值 → 新值", "在 pull request 说明中逐条写明更正原因；审核人逐条核对"},
	{"row.total", "第 N 行像是合计行（“合计”“共2条”等，其余单元格为空或为数字）：请删去这一行（这一行不再逐格报错）", "提交的文件只保留表头和逐条数据"},
	{"row.unheaded", "没有表头的一列中填了内容", "给该列补上表头，或把内容移到对应的列后删除该列"},
	{"rows.late", "截止时间之后向已收到的排查表、入户安检量表或汇总表新增的行（逾期补报）", "在 pull request 说明中写明原因；审核人核实，必要时在记分卡或月报中说明"},
	{"rows.removed", "从汇总表中删除了已报送的整改情况", "更正请改写该行而不要删除；导入了空白表格时撤回这一改动"},
	{"schema.*", "一行不符合表格规则", "按表头说明改正该行"},
	{"separator", "文件不是用逗号分隔各列，已按实际的分隔符读取", "在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”"},
	{"status.not_yet", "汇总表中这一行还没有填写整改状态，按“未报送”统计", "已有进展时再填写整改状态和核查人"},
	{"submitter.required", "企业、街镇账号没有填写 submitter（所属单位）", "企业账号填企业编号，街镇账号填 9 位街镇代码"},
	{"submitter.unknown", "账号的 submitter 不在 enterprises.csv 或 towns.csv 中", "填写登记过的企业编号或 9 位街镇代码"},
	{"town.ambiguous", "街镇“…”可能指不止一个街镇", "写全称；提示会列出候选"},
	{"town.required", "该层级的联络员必须填写街镇", "填写所属街镇名称"},
	{"town.short", "街镇“…”按全称读取", "规范写法为全称"},
	{"town.unknown", "街镇“…”不是青浦区的街镇", "填写 towns.csv 中的名称或代码；提示会给出最接近的"},
	{"town_code.unknown", "村居的街镇代码不在 towns.csv 中", "town_code 必须是 towns.csv 中的街镇代码"},
	{"value.apostrophe", "单元格开头的 ' 是网站下载的 CSV 为防公式加上的（其后是 = + - @），已去除", "无需处理"},
	{"value.formula", "单元格以 = + - @ 开头，Excel 可能把它当作公式", "如果不是有意的，请删除开头的符号"},
	{"value.invisible", "不可见字符或特殊空格已去除", "无需处理"},
	{"value.leading_zero", "代码列（告知单编号、用户编号、安检单号等）的编号比目标分支上同一行少了开头的 0（lpg check）", "在电子表格中把该列设为“文本”，改回原编号后再保存；若确是改正编号，在 pull request 说明中写明"},
	{"value.number", "整数按千位分隔符或小数格式读取", "整数列请设为“常规”格式"},
	{"value.width", "全角字符或空格已转换", "无需处理"},
	{"village.ambiguous", "村居“…”可能指不止一个村居", "写全称；提示会列出候选"},
	{"village.mismatch", "村居与排查表中该隐患的村居不一致", "村居可以留空；填写时须与排查表一致"},
	{"village.required", "层级为“村居”的联络员必须填写村居", "填写所属村居名称"},
	{"village.short", "村居“…”按全称读取", "规范写法为全称"},
	{"village.town", "村居不在所填的街镇内", "核对街镇或村居"},
	{"village.unknown", "村居“…”不在该街镇的村居名单或 villages.csv 中", "填写 villages.csv 中的名称或 12 位代码；提示会给出最接近的"},
	{"xlsx.date_in_text", "导入的工作簿中文字、编号或电话列的单元格是日期格式（电子表格把输入的 1/2、10-05 等当成了日期）：已按日期 YYYY-MM-DD 读取（lpg import）", "若填的是文字，把该列设为“文本”格式后重新输入"},
	{"xlsx.merged", "导入的工作簿中合并了几行的单元格：已按左上角单元格的值读入每一行（lpg import）", "核对这几行是否都是这个值；在 Excel 中取消合并并填好每一行"},
	{"xlsx.number_format", "导入的工作簿中编号或电话列的单元格存的是数字，单元格格式（如 00000000）把它显示为补 0 或带文字的编号：已按显示的内容读取（lpg import）", "核对读取的编号；把该列设为“文本”格式后再输入编号"},
}

// Lookup returns the catalogue entry of code: the entry of that code, or
// of its family ("phone.required" → "*.required", "schema.type" →
// "schema.*").
func Lookup(code string) (Entry, bool) {
	var family []string
	if i := strings.IndexByte(code, '.'); i >= 0 {
		family = append(family, "*"+code[i:], code[:i+1]+"*")
	}
	for _, c := range append([]string{code}, family...) {
		for _, e := range Catalogue {
			if e.Code == c {
				return e, true
			}
		}
	}
	return Entry{}, false
}
