<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Agreement per code</source>
        <translation>各编码的一致性</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ</source>
        <translation>Cohen κ</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s α</source>
        <translation>Krippendorff α</translation>
    </message>
    <message>
        <source>Unitized αU</source>
        <translation>单元化 αU</translation>
    </message>
    <message>
        <source>%1 marked</source>
        <translation>%1 标注字数</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>κ: Pe = pA(yes)·pB(yes) + pA(no)·pB(no). α: nominal, binary, each character a unit. αU: Krippendorff&apos;s unitized alpha over the documents as one continuum.</source>
        <translation>κ：Pe = pA(是)·pB(是) + pA(否)·pB(否)。α：名义尺度、二值，每个字为一个单位。αU：Krippendorff 单元化 α，各文档首尾相接视为一个连续体。</translation>
    </message>
</context>
<context>
    <name>AnnotateDialog</name>
    <message>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Filter codes…</source>
        <translation>筛选编码…</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Note (light Markdown welcome)</source>
        <translation>笔记（可用简单 Markdown）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Key %1 (Alt+%1 while typing)</source>
        <translation>按键 %1（输入文字时按 Alt+%1）</translation>
    </message>
</context>
<context>
    <name>AnnotatorChooser</name>
    <message>
        <source>Agreement between annotators</source>
        <translation>标注者之间的一致性</translation>
    </message>
    <message>
        <source>Compare the notes of:</source>
        <translation>比较以下标注者的笔记：</translation>
    </message>
</context>
<context>
    <name>CodebookDialog</name>
    <message>
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <source>(untag only, reassign nothing)</source>
        <translation>（仅去掉此编码，不改用其他编码）</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>编码本</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Add child…</source>
        <translation>添加子编码…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>Description…</source>
        <translation>说明…</translation>
    </message>
    <message>
        <source>Move under…</source>
        <translation>移到…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message numerus="yes">
        <source>%n notes</source>
        <translation>
            <numerusform>%n 条笔记</numerusform>
        </translation>
    </message>
    <message>
        <source>New code</source>
        <translation>新编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Move under</source>
        <translation>移到</translation>
    </message>
    <message>
        <source>Merge into</source>
        <translation>合并到</translation>
    </message>
    <message>
        <source>Delete: move its notes to</source>
        <translation>删除：笔记改用</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>Opening document</source>
        <translation>打开文档</translation>
    </message>
    <message>
        <source>Comparing</source>
        <translation>对读比较</translation>
    </message>
    <message numerus="yes">
        <source>%n shared passages</source>
        <translation>
            <numerusform>%n 处共享段落</numerusform>
        </translation>
    </message>
    <message>
        <source>Differences in this passage: %1</source>
        <translation>此段差异 %1 处</translation>
    </message>
    <message>
        <source>Inline differences</source>
        <translation>逐字比较</translation>
    </message>
    <message>
        <source>Past the last passage: back to the first</source>
        <translation>已过最后一处，回到第一处</translation>
    </message>
    <message>
        <source>Before the first passage: on to the last</source>
        <translation>已在第一处之前，转到最后一处</translation>
    </message>
    <message>
        <source>verbatim</source>
        <translation>逐字相同</translation>
    </message>
    <message>
        <source>fuzzy</source>
        <translation>近似</translation>
    </message>
</context>
<context>
    <name>ConnectorGutter</name>
    <message>
        <source>Connector bands between the panes</source>
        <translation>两栏之间的连接带</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Script of this pane</source>
        <translation>本栏文字</translation>
    </message>
    <message>
        <source>Document text</source>
        <translation>文档正文</translation>
    </message>
    <message>
        <source>Find in this document (any script)</source>
        <translation>在此文中查找</translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation>
            <numerusform>%n 字</numerusform>
        </translation>
    </message>
    <message>
        <source>paragraph %1</source>
        <translation>第%1段</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n 处</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EdgesModel</name>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Informative</source>
        <translation>信息量</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
</context>
<context>
    <name>FamilyModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Likeness</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>(the selected passage)</source>
        <translation>（所选段落）</translation>
    </message>
    <message>
        <source>same text</source>
        <translation>文字相同</translation>
    </message>
    <message>
        <source>likely origin</source>
        <translation>可能的出处</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Close find bar</source>
        <translation>关闭查找栏</translation>
    </message>
</context>
<context>
    <name>FoldingDock</name>
    <message>
        <source>Show %1</source>
        <translation>展开%1</translation>
    </message>
    <message>
        <source>Fold to a strip</source>
        <translation>收起为窄条</translation>
    </message>
    <message>
        <source>Fold %1 to a strip</source>
        <translation>把%1收起为窄条</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>{n} imported</source>
        <translation>导入 {n} 篇</translation>
    </message>
    <message>
        <source>{n} already in the library</source>
        <translation>{n} 篇已在库中</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>{n} refused: {reasons}</source>
        <translation>{n} 篇未能导入：{reasons}</translation>
    </message>
    <message>
        <source>{n} skipped (not documents)</source>
        <translation>跳过 {n} 个非文档文件</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Original</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <source>Traditional</source>
        <translation>繁體</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>台灣</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>香港</translation>
    </message>
    <message>
        <source>Follow the toolbar</source>
        <translation>跟随全局</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Sans (screen)</source>
        <translation>黑体（屏幕阅读）</translation>
    </message>
    <message>
        <source>Song (print)</source>
        <translation>宋体（印刷）</translation>
    </message>
    <message>
        <source>FangSong (official documents)</source>
        <translation>仿宋（公文）</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Mentions in the region&apos;s documents:</source>
        <translation>该地区文件中的出现次数：</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <source>Traditional</source>
        <translation>繁體</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>混合</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Simp.</source>
        <translation>简</translation>
    </message>
    <message>
        <source>Trad.</source>
        <translation>繁</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>发文机关</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>发文字号</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Region filter</source>
        <translation>地区筛选</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import files (or drop them on the list)</source>
        <translation>导入文件（也可拖放到列表）</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对读</translation>
    </message>
    <message>
        <source>Compare the two selected documents</source>
        <translation>对读所选的两篇</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
    <message>
        <source>Search all documents</source>
        <translation>搜索全部文档</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Open in left pane</source>
        <translation>在左栏打开</translation>
    </message>
    <message>
        <source>Open in right pane</source>
        <translation>在右栏打开</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Import revised version…</source>
        <translation>导入修订版…</translation>
    </message>
    <message>
        <source>Reading the library</source>
        <translation>读取文库</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved: {title}</source>
        <translation>已保存：{title}</translation>
    </message>
    <message>
        <source>Error: {reason}</source>
        <translation>错误：{reason}</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Documents ({patterns});;All files (*)</source>
        <translation>文档 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {n} files…</source>
        <translation>正在导入 {n} 个文件…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>搜索中…</translation>
    </message>
    <message>
        <source>Search failed: {reason}</source>
        <translation>搜索失败：{reason}</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>No hits</source>
        <translation>无结果</translation>
    </message>
    <message>
        <source>first {n} hits</source>
        <translation>前 {n} 处</translation>
    </message>
    <message>
        <source>{n} hits in {d} documents</source>
        <translation>{n} 处，{d} 篇</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Measures</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Passages</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>Similar</source>
        <translation>相似段落</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Cancel the running task</source>
        <translation>取消正在运行的任务</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Focused passage</source>
        <translation>当前段落</translation>
    </message>
    <message numerus="yes">
        <source>%n documents</source>
        <translation>
            <numerusform>%n 篇文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Export comparison report…</source>
        <translation>导出对读报告…</translation>
    </message>
    <message>
        <source>Copy with citation</source>
        <translation>复制并注明出处</translation>
    </message>
    <message>
        <source>Find in pane</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Find similar across the library</source>
        <translation>在文库中查找相似段落</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>偏好设置…</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>原始大小</translation>
    </message>
    <message>
        <source>⇄ Swap</source>
        <translation>⇄ 交换</translation>
    </message>
    <message>
        <source>Swap the panes</source>
        <translation>交换左右文档</translation>
    </message>
    <message>
        <source>Sync scrolling</source>
        <translation>同步滚动</translation>
    </message>
    <message>
        <source>Show boilerplate</source>
        <translation>显示套话</translation>
    </message>
    <message>
        <source>Next shared passage</source>
        <translation>下一处</translation>
    </message>
    <message>
        <source>Previous shared passage</source>
        <translation>上一处</translation>
    </message>
    <message>
        <source>About Duidu</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>Compare again</source>
        <translation>重新比较</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Recent comparisons</source>
        <translation>最近的对读</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>笔记(&amp;N)</translation>
    </message>
    <message>
        <source>Quick code (last used codes)</source>
        <translation>快速编码（最近用过的编码）</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>跳转(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>Passage %1 / %2</source>
        <translation>第 %1 / %2 处</translation>
    </message>
    <message>
        <source>Copied with citation</source>
        <translation>已复制并注明出处</translation>
    </message>
    <message>
        <source>Import documents</source>
        <translation>导入文档</translation>
    </message>
    <message>
        <source>Documents ({patterns});;All files (*)</source>
        <translation>文档 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Duidu %1
Read Chinese policy documents against each other, offline.</source>
        <translation>对读 %1
离线对读中文政策文件。</translation>
    </message>
    <message>
        <source>Cancelled · F5 compares again</source>
        <translation>已取消 · F5 重新比较</translation>
    </message>
    <message>
        <source>Import another document to compare</source>
        <translation>文库只有一篇文档：导入更多即可对读</translation>
    </message>
    <message>
        <source>Preparing the library (first run: importing the seeds)…</source>
        <translation>正在准备文库…</translation>
    </message>
    <message>
        <source>The library is empty: drop files or press Ctrl+O</source>
        <translation>文库为空：拖入文件或按 Ctrl+O 导入</translation>
    </message>
    <message>
        <source>Preparing the library</source>
        <translation>准备文库</translation>
    </message>
    <message>
        <source>%1: waiting for another Duidu to finish writing to the library (%2 s)…</source>
        <translation>%1：等待另一个对读写完文库（%2 秒）…</translation>
    </message>
    <message>
        <source>Saving your changes to the library…</source>
        <translation>正在把修改存入文库…</translation>
    </message>
    <message>
        <source>Keep them for later</source>
        <translation>留待以后</translation>
    </message>
    <message>
        <source>Saving your changes: another Duidu is writing to the library (%1 s)…</source>
        <translation>正在保存修改：另一个对读正在写入文库（%1 秒）…</translation>
    </message>
    <message>
        <source>%1 notes could not be saved to the library last time and were kept in %2. Put them back now?</source>
        <translation>上次有 %1 条笔记未能存入文库，已保留在 %2。现在放回文库吗？</translation>
    </message>
    <message>
        <source>Restore kept notes</source>
        <translation>放回保留的笔记</translation>
    </message>
    <message>
        <source>The library could not be opened: %1</source>
        <translation>无法打开文库：%1</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>地区</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2: %n mention(s)</source>
        <translation>
            <numerusform>%1 · %2：%n 处</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeasuresModel</name>
    <message>
        <source>documents state it</source>
        <translation>篇文档提到</translation>
    </message>
    <message>
        <source>Click to show, again for the next</source>
        <translation>点击查看，再点下一处</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>The figures differ</source>
        <translation>数字不同</translation>
    </message>
    <message>
        <source>The figures agree</source>
        <translation>数字一致</translation>
    </message>
    <message>
        <source>Figures of measures</source>
        <translation>措施中的数字</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Indicator, or the measure a figure belongs to</source>
        <translation>指标，或数字所属的措施</translation>
    </message>
    <message>
        <source>≠ where the figures differ (value or qualifier)</source>
        <translation>≠：两份文件的数字不同（数值或限定词）</translation>
    </message>
</context>
<context>
    <name>MeasuresPanel</name>
    <message>
        <source>Only shared</source>
        <translation>只看共有</translation>
    </message>
    <message>
        <source>Only measures stated by both (library: by two or more)</source>
        <translation>只列出两篇（全库：至少两篇）都提到的措施</translation>
    </message>
    <message>
        <source>Whole library</source>
        <translation>全库</translation>
    </message>
    <message>
        <source>Measures across every document</source>
        <translation>措施 × 全部文档</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>A in B</source>
        <translation>A在B中</translation>
    </message>
    <message>
        <source>B in A</source>
        <translation>B在A中</translation>
    </message>
    <message numerus="yes">
        <source>%n differ</source>
        <translation>
            <numerusform>%n 处不同</numerusform>
        </translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>No pair open</source>
        <translation>未打开文档对</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>Library measures</source>
        <translation>全库措施</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>计算失败</translation>
    </message>
    <message>
        <source>Comparison note on this measure…</source>
        <translation>就此措施写对照笔记…</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>The reuse network is made on request (Compute)</source>
        <translation>文本复用网络按需生成（点“计算”）</translation>
    </message>
</context>
<context>
    <name>NotesController</name>
    <message>
        <source>Loading notes</source>
        <translation>读取笔记</translation>
    </message>
    <message>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Comparison note</source>
        <translation>对照笔记</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>删除笔记</translation>
    </message>
    <message>
        <source>Re-place note</source>
        <translation>重新定位笔记</translation>
    </message>
    <message>
        <source>Importing the revision</source>
        <translation>导入修订版</translation>
    </message>
    <message>
        <source>Add code</source>
        <translation>添加编码</translation>
    </message>
    <message>
        <source>Edit code</source>
        <translation>修改编码</translation>
    </message>
    <message>
        <source>Move code</source>
        <translation>移动编码</translation>
    </message>
    <message>
        <source>Merge codes</source>
        <translation>合并编码</translation>
    </message>
    <message>
        <source>Delete code</source>
        <translation>删除编码</translation>
    </message>
</context>
<context>
    <name>NotesExchange</name>
    <message>
        <source>Duidu</source>
        <translation>对读</translation>
    </message>
    <message>
        <source>REFI-QDA project (*.qdpx)</source>
        <translation>REFI-QDA 项目 (*.qdpx)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>W3C Web Annotation JSON (*.json)</source>
        <translation>W3C Web Annotation JSON (*.json)</translation>
    </message>
    <message>
        <source>Export notes</source>
        <translation>导出笔记</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>已导出：%1</translation>
    </message>
    <message>
        <source>Exporting notes</source>
        <translation>正在导出笔记</translation>
    </message>
    <message>
        <source>Export codebook</source>
        <translation>导出编码本</translation>
    </message>
    <message>
        <source>REFI-QDA codebook (*.qdc)</source>
        <translation>REFI-QDA 编码本 (*.qdc)</translation>
    </message>
    <message numerus="yes">
        <source>%n codes exported</source>
        <translation>
            <numerusform>已导出 %n 个编码</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting the codebook</source>
        <translation>正在导出编码本</translation>
    </message>
    <message>
        <source>Import a REFI-QDA project</source>
        <translation>导入 REFI-QDA 项目</translation>
    </message>
    <message>
        <source>Project imported</source>
        <translation>项目已导入</translation>
    </message>
    <message>
        <source>Importing the project</source>
        <translation>正在导入项目</translation>
    </message>
    <message>
        <source>Import a codebook</source>
        <translation>导入编码本</translation>
    </message>
    <message>
        <source>Importing the codebook</source>
        <translation>正在导入编码本</translation>
    </message>
    <message>
        <source>Agreement needs notes by at least two annotators</source>
        <translation>计算一致性需要至少两位标注者的笔记</translation>
    </message>
    <message>
        <source>Choose at least two annotators</source>
        <translation>请至少选择两位标注者</translation>
    </message>
    <message>
        <source>Computing agreement</source>
        <translation>正在计算一致性</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <source>Codes</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>引文</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>orphaned</source>
        <translation>未能定位</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Filter by code</source>
        <translation>按编码筛选</translation>
    </message>
    <message>
        <source>Filter by document</source>
        <translation>按文档筛选</translation>
    </message>
    <message>
        <source>Filter by region</source>
        <translation>按地区筛选</translation>
    </message>
    <message>
        <source>Filter by annotator</source>
        <translation>按标注者筛选</translation>
    </message>
    <message>
        <source>Find in quotes and notes (any script)</source>
        <translation>在引文和笔记中查找</translation>
    </message>
    <message>
        <source>Blind (only my notes)</source>
        <translation>盲评</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Place at selection</source>
        <translation>定位到所选</translation>
    </message>
    <message>
        <source>Anchor an orphaned note at the text selected in a pane</source>
        <translation>把未能定位的笔记放到窗格中选中的文字上</translation>
    </message>
    <message>
        <source>Codebook…</source>
        <translation>编码本…</translation>
    </message>
    <message>
        <source>No note matches these filters.</source>
        <translation>没有符合这些筛选条件的笔记。</translation>
    </message>
    <message>
        <source>No notes yet. Select a passage in a pane and press Ctrl+T (Code selection…) to code it and write a note.</source>
        <translation>还没有笔记。在正文中选中一段文字，按 Ctrl+T（标注所选…）即可编码并写笔记。</translation>
    </message>
    <message>
        <source>Filter by code (any script)</source>
        <translation>按编码筛选（不分简繁）</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <source>All annotators</source>
        <translation>全部标注者</translation>
    </message>
    <message>
        <source>%1 / %2 notes</source>
        <translation>%1 / %2 条笔记</translation>
    </message>
</context>
<context>
    <name>NotesUI</name>
    <message>
        <source>Code selection…</source>
        <translation>标注所选…</translation>
    </message>
    <message>
        <source>Comparison note…</source>
        <translation>对照笔记…</translation>
    </message>
    <message>
        <source>Quick code %1</source>
        <translation>快速编码 %1</translation>
    </message>
    <message>
        <source>Codebook…</source>
        <translation>编码本…</translation>
    </message>
    <message>
        <source>Export notes…</source>
        <translation>导出笔记…</translation>
    </message>
    <message>
        <source>Import REFI-QDA project…</source>
        <translation>导入 REFI-QDA 项目…</translation>
    </message>
    <message>
        <source>Export codebook…</source>
        <translation>导出编码本…</translation>
    </message>
    <message>
        <source>Import codebook…</source>
        <translation>导入编码本…</translation>
    </message>
    <message>
        <source>Agreement between annotators…</source>
        <translation>标注者一致性…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source> · Ctrl+Z to undo</source>
        <translation> · Ctrl+Z 撤销</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Select a passage first</source>
        <translation>先选一段文字</translation>
    </message>
    <message>
        <source>No code on Alt+%1 yet: code a selection once with Ctrl+T</source>
        <translation>Alt+%1 还没有编码：先用 Ctrl+T 标注一次</translation>
    </message>
    <message>
        <source>Select a passage on each side, or focus a shared passage</source>
        <translation>在两边各选一段，或先聚焦一处共享段落</translation>
    </message>
    <message>
        <source>Comparison note</source>
        <translation>对照笔记</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>删除笔记</translation>
    </message>
    <message>
        <source>Import a revised version</source>
        <translation>导入修订版</translation>
    </message>
    <message>
        <source>Documents ({patterns});;All files (*)</source>
        <translation>文档 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 unchanged, %2 moved, %3 fuzzy, %4 orphaned</source>
        <translation>%1 处未变，%2 处移动，%3 处近似定位，%4 处未能定位</translation>
    </message>
    <message>
        <source>Notes re-anchored: %1</source>
        <translation>笔记重新定位：%1</translation>
    </message>
    <message>
        <source>Orphaned notes are marked ⚠ in the notes panel: select the text and press “Place at selection”.</source>
        <translation>未能定位的笔记在笔记栏中以 ⚠ 标出，可选中文字后按“定位到所选”。</translation>
    </message>
    <message>
        <source>Revision imported</source>
        <translation>修订版已导入</translation>
    </message>
    <message>
        <source>Select the note&apos;s text in its document, then press Place at selection</source>
        <translation>在文档中选中这条笔记的文字，再按“定位到所选”</translation>
    </message>
</context>
<context>
    <name>OverviewRuler</name>
    <message>
        <source>Where shared passages lie (click to go there)</source>
        <translation>共享段落的位置</translation>
    </message>
    <message>
        <source>Overview ruler</source>
        <translation>概览标尺</translation>
    </message>
</context>
<context>
    <name>ParagraphMargin</name>
    <message>
        <source>Paragraph numbers</source>
        <translation>段落编号</translation>
    </message>
</context>
<context>
    <name>PassagesModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>¶</source>
        <translation>¶</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Informative</source>
        <translation>信息量</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>boilerplate</source>
        <translation>套话</translation>
    </message>
    <message>
        <source>verbatim</source>
        <translation>逐字相同</translation>
    </message>
    <message>
        <source>fuzzy</source>
        <translation>近似</translation>
    </message>
    <message numerus="yes">
        <source>[+%n places]</source>
        <translation>
            <numerusform>〔另%n处〕</numerusform>
        </translation>
    </message>
    <message>
        <source>Boilerplate: formulaic text shared by many policy documents</source>
        <translation>套话：许多政策文件共有的套语</translation>
    </message>
    <message>
        <source>Names a place both documents name:</source>
        <translation>两份文件都提到的地方：</translation>
    </message>
    <message numerus="yes">
        <source>Also linked at %n further places:</source>
        <translation>
            <numerusform>另有 %n 处与之对应：</numerusform>
        </translation>
    </message>
    <message>
        <source>Len.</source>
        <comment>length, short</comment>
        <translation>字数</translation>
    </message>
    <message>
        <source>Inf.</source>
        <comment>informative, short</comment>
        <translation>信息量</translation>
    </message>
    <message>
        <source>Reading order in A</source>
        <translation>在 A 中的次序</translation>
    </message>
    <message>
        <source>Paragraph in A</source>
        <translation>在 A 中的段落</translation>
    </message>
    <message>
        <source>formula</source>
        <comment>boilerplate, short</comment>
        <translation>套话</translation>
    </message>
    <message>
        <source>exact</source>
        <comment>verbatim, short</comment>
        <translation>逐字</translation>
    </message>
</context>
<context>
    <name>PassagesPanel</name>
    <message>
        <source>Shared passages</source>
        <translation>共享段落</translation>
    </message>
    <message>
        <source>Boilerplate: formulaic text shared by many policy documents, hidden by default. Shown, it is greyed and marked in the list.</source>
        <translation>套话：许多政策文件共有的套语，默认隐藏。显示时在列表中以灰色标出。</translation>
    </message>
    <message numerus="yes">
        <source>%n shared passages</source>
        <translation>
            <numerusform>%n 处共享段落</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verbatim</source>
        <translation>
            <numerusform>%n 处逐字相同</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n boilerplate</source>
        <translation>
            <numerusform>%n 处套话</numerusform>
        </translation>
    </message>
    <message>
        <source>Hide boilerplate</source>
        <translation>隐藏套话</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>verbatim, fuzzy</comment>
        <translation>%1，%2</translation>
    </message>
    <message numerus="yes">
        <source>%n fuzzy</source>
        <translation>
            <numerusform>%n 处近似</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>shared passages: their kinds</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 shown: %2 (%3), %4</source>
        <translation>显示 %1 处：%2（%3），%4</translation>
    </message>
    <message numerus="yes">
        <source>+%n boilerplate hidden</source>
        <translation>
            <numerusform>+%n 处套话（已隐藏）</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the boilerplate in the list</source>
        <translation>在列表中显示套话</translation>
    </message>
    <message>
        <source>Hide the boilerplate again</source>
        <translation>再次隐藏套话</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>Built-in Chinese fonts</source>
        <translation>使用内置中文字体</translation>
    </message>
    <message>
        <source>Default (8)</source>
        <translation>默认（8）</translation>
    </message>
    <message>
        <source>Show boilerplate matches</source>
        <translation>显示套话匹配</translation>
    </message>
    <message>
        <source>Scroll the panes in step</source>
        <translation>按对齐同步滚动</translation>
    </message>
    <message>
        <source>Blind: show only my notes</source>
        <translation>盲评：只显示我的笔记</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Default script</source>
        <translation>默认文字</translation>
    </message>
    <message>
        <source>Reading face</source>
        <translation>阅读字体</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>字体</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <source>Minimum match length (characters)</source>
        <translation>最短共享段落（字）</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
</context>
<context>
    <name>RegionView</name>
    <message>
        <source>Regions</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Regions: measures, targets, reuse…</source>
        <translation>地区：措施、目标、文本复用…</translation>
    </message>
    <message>
        <source>Where did this come from?</source>
        <translation>这段话从哪里来？</translation>
    </message>
    <message>
        <source>Every document holding the selected passage, earliest first</source>
        <translation>含有所选段落的全部文件，最早的在前</translation>
    </message>
    <message>
        <source>Select a passage first</source>
        <translation>请先选择一段文字</translation>
    </message>
    <message>
        <source>All documents (not the samples)</source>
        <translation>全部文件（不含示例）</translation>
    </message>
    <message>
        <source>Selected in the library</source>
        <translation>文库中选中的文件</translation>
    </message>
    <message>
        <source>Filter by region or year</source>
        <translation>按地区或年份筛选</translation>
    </message>
    <message>
        <source>e.g. 2026, 广东, 44 (region code)</source>
        <translation>如 2026、广东、44（区划代码）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Save as set…</source>
        <translation>保存为文件集…</translation>
    </message>
    <message>
        <source>Keep these documents as a named set in the library (e.g. provinces 2026)</source>
        <translation>把这些文件作为命名文件集保存在文库中（如“2026 各省”）</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export picture…</source>
        <translation>导出图片…</translation>
    </message>
    <message>
        <source>Region report…</source>
        <translation>地区报告…</translation>
    </message>
    <message>
        <source>Measures × regions</source>
        <translation>措施 × 地区</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Reuse network</source>
        <translation>文本复用网络</translation>
    </message>
    <message>
        <source>Where did this come from</source>
        <translation>这段话从哪里来</translation>
    </message>
    <message>
        <source>administrative code</source>
        <translation>行政区划代码</translation>
    </message>
    <message>
        <source>pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>measures shared</source>
        <translation>共有措施数</translation>
    </message>
    <message>
        <source>by category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>by spread</source>
        <translation>按覆盖地区数</translation>
    </message>
    <message>
        <source>Columns by</source>
        <translation>列排序</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行排序</translation>
    </message>
    <message>
        <source>Shared by at least</source>
        <translation>至少共有地区数</translation>
    </message>
    <message>
        <source>Missing from</source>
        <translation>缺少于</translation>
    </message>
    <message>
        <source>Click a cell to see its evidence; double-click a line to read it in the pair.</source>
        <translation>单击单元格查看依据；双击一行，在对读中阅读。</translation>
    </message>
    <message>
        <source>Click a point to read its sentence.</source>
        <translation>单击一个点，阅读它所在的句子。</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source> informative characters</source>
        <translation> 个信息字符</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Edges point from the earlier document to the later; click one to read the pair.</source>
        <translation>箭头从较早的文件指向较晚的文件；单击一条连线，对读这两篇文件。</translation>
    </message>
    <message>
        <source>Edges from</source>
        <translation>连线下限</translation>
    </message>
    <message>
        <source>Select a sentence in the reader and choose “Where did this come from?” (right-click menu).</source>
        <translation>在阅读区选择一句话，再选择“这段话从哪里来？”（右键菜单）。</translation>
    </message>
    <message>
        <source>Reading the documents…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Region view</source>
        <translation>地区视图</translation>
    </message>
    <message>
        <source>(any region)</source>
        <translation>（任一地区）</translation>
    </message>
    <message>
        <source>%1 documents, %2 regions, %3 measures (%4 s)</source>
        <translation>%1 篇文件，%2 个地区，%3 项措施（%4 秒）</translation>
    </message>
    <message>
        <source>Finding shared text…</source>
        <translation>正在查找共有文字…</translation>
    </message>
    <message>
        <source>%1 edges (%2 shown); edges point from the earlier document to the later.</source>
        <translation>%1 条连线（显示 %2 条）；箭头从较早的文件指向较晚的文件。</translation>
    </message>
    <message>
        <source>First look: %1 edges from the pairs aligned so far (the strongest first); aligning the rest…</source>
        <translation>初步结果：已比对的文件对中有 %1 条连线（最强的先比对）；其余正在比对…</translation>
    </message>
    <message>
        <source>Looking for “%1”…</source>
        <translation>正在查找“%1”…</translation>
    </message>
    <message>
        <source>“%1”: %2 documents, earliest first (★ the likely origin); double-click one to read it beside the selection.</source>
        <translation>“%1”：%2 篇文件，最早的在前（★ 可能的出处）；双击一篇，与所选段落对读。</translation>
    </message>
    <message>
        <source>Document sets</source>
        <translation>文件集</translation>
    </message>
    <message>
        <source>Set: %1 (%2)</source>
        <translation>文件集：%1（%2）</translation>
    </message>
    <message>
        <source>Saved the set “%1”</source>
        <translation>已保存文件集“%1”</translation>
    </message>
    <message>
        <source>Save document set</source>
        <translation>保存文件集</translation>
    </message>
    <message>
        <source>Show some documents first</source>
        <translation>请先显示一些文件</translation>
    </message>
    <message>
        <source>Save as set</source>
        <translation>保存为文件集</translation>
    </message>
    <message>
        <source>Name of the set:</source>
        <translation>文件集名称：</translation>
    </message>
    <message>
        <source>%1 in %2: %3 mentions — double-click one to read it in the pair.</source>
        <translation>%2的“%1”：%3 处 —— 双击一处，在对读中阅读。</translation>
    </message>
    <message>
        <source>%1 → %2: %3 informative characters shared</source>
        <translation>%1 → %2：共有 %3 个信息字符</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Region report</source>
        <translation>地区报告</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation>导出图片</translation>
    </message>
</context>
<context>
    <name>ReportAction</name>
    <message>
        <source>Open two documents first</source>
        <translation>请先打开两篇文档</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Report written: {path} ({n} pages)</source>
        <translation>报告已写入：{path}（{n} 页）</translation>
    </message>
    <message>
        <source>Report written: {path}</source>
        <translation>报告已写入：{path}</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
</context>
<context>
    <name>SimilarPanel</name>
    <message>
        <source>Similar passages</source>
        <translation>相似段落</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open this passage in the reader</source>
        <translation>在阅读器中打开这一段</translation>
    </message>
    <message>
        <source>Empty query: select a passage first</source>
        <translation>查询为空，请先选一段文字</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>查询：</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>搜索中…</translation>
    </message>
    <message>
        <source>Select a passage to find similar ones</source>
        <translation>选一段文字，查找相似段落</translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
    <message>
        <source>No similar passages</source>
        <translation>没有相似段落</translation>
    </message>
    <message>
        <source>Search failed:</source>
        <translation>搜索失败：</translation>
    </message>
</context>
<context>
    <name>SimilarResultsModel</name>
    <message>
        <source>Similarity</source>
        <translation>相似度</translation>
    </message>
</context>
<context>
    <name>TargetsChart</name>
    <message>
        <source>No indicator values in these documents</source>
        <translation>这些文件中没有指标数值</translation>
    </message>
    <message>
        <source>National %1: %2 (%3)</source>
        <translation>全国%1：%2（%3）</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>result</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>a range (low–high)</source>
        <translation>区间（低–高）</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Qualifier</source>
        <translation>限定词</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时期</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
</context>
</TS>
