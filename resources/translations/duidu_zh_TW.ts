<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Agreement per code</source>
        <translation>各編碼的一致性</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>編碼</translation>
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
        <translation>單元化 αU</translation>
    </message>
    <message>
        <source>%1 marked</source>
        <translation>%1 標註字數</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字數</translation>
    </message>
    <message>
        <source>κ: Pe = pA(yes)·pB(yes) + pA(no)·pB(no). α: nominal, binary, each character a unit. αU: Krippendorff&apos;s unitized alpha over the documents as one continuum.</source>
        <translation>κ：Pe = pA(是)·pB(是) + pA(否)·pB(否)。α：名義尺度、二值，每個字為一個單位。αU：Krippendorff 單元化 α，各文件首尾相接視為一個連續體。</translation>
    </message>
</context>
<context>
    <name>AnnotateDialog</name>
    <message>
        <source>Annotate</source>
        <translation>標註</translation>
    </message>
    <message>
        <source>Filter codes…</source>
        <translation>篩選編碼…</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>編碼</translation>
    </message>
    <message>
        <source>Note (light Markdown welcome)</source>
        <translation>筆記（可用簡單 Markdown）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>筆記</translation>
    </message>
    <message>
        <source>Key %1 (Alt+%1 while typing)</source>
        <translation>按鍵 %1（輸入文字時按 Alt+%1）</translation>
    </message>
</context>
<context>
    <name>AnnotatorChooser</name>
    <message>
        <source>Agreement between annotators</source>
        <translation>標註者之間的一致性</translation>
    </message>
    <message>
        <source>Compare the notes of:</source>
        <translation>比較以下標註者的筆記：</translation>
    </message>
</context>
<context>
    <name>CodebookDialog</name>
    <message>
        <source>(top level)</source>
        <translation>（頂層）</translation>
    </message>
    <message>
        <source>(untag only, reassign nothing)</source>
        <translation>（僅移除此編碼，不改用其他編碼）</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>編碼本</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>編碼</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Add child…</source>
        <translation>新增子編碼…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>顏色…</translation>
    </message>
    <message>
        <source>Description…</source>
        <translation>說明…</translation>
    </message>
    <message>
        <source>Move under…</source>
        <translation>移到…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>合併到…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message numerus="yes">
        <source>%n notes</source>
        <translation>
            <numerusform>%n 則筆記</numerusform>
        </translation>
    </message>
    <message>
        <source>New code</source>
        <translation>新編碼</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重新命名</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>顏色</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>說明</translation>
    </message>
    <message>
        <source>Move under</source>
        <translation>移到</translation>
    </message>
    <message>
        <source>Merge into</source>
        <translation>合併到</translation>
    </message>
    <message>
        <source>Delete: move its notes to</source>
        <translation>刪除：筆記改用</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>Opening document</source>
        <translation>開啟文件</translation>
    </message>
    <message>
        <source>Comparing</source>
        <translation>對讀比較</translation>
    </message>
    <message numerus="yes">
        <source>%n shared passages</source>
        <translation>
            <numerusform>%n 處共同段落</numerusform>
        </translation>
    </message>
    <message>
        <source>Differences in this passage: %1</source>
        <translation>此段差異 %1 處</translation>
    </message>
    <message>
        <source>Inline differences</source>
        <translation>逐字比較</translation>
    </message>
    <message>
        <source>Past the last passage: back to the first</source>
        <translation>已過最後一處，回到第一處</translation>
    </message>
    <message>
        <source>Before the first passage: on to the last</source>
        <translation>已在第一處之前，轉到最後一處</translation>
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
        <translation>兩欄之間的連線帶</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Script of this pane</source>
        <translation>本欄字體</translation>
    </message>
    <message>
        <source>Document text</source>
        <translation>文件正文</translation>
    </message>
    <message>
        <source>Find in this document (any script)</source>
        <translation>在本文中搜尋（不分簡繁）</translation>
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
            <numerusform>%n 處</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EdgesModel</name>
    <message>
        <source>From</source>
        <translation>來自</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Informative</source>
        <translation>資訊量</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字元</translation>
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
        <translation>依據</translation>
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
        <translation>地區</translation>
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
        <translation>差異</translation>
    </message>
    <message>
        <source>(the selected passage)</source>
        <translation>（所選段落）</translation>
    </message>
    <message>
        <source>same text</source>
        <translation>文字相同</translation>
    </message>
    <message>
        <source>likely origin</source>
        <translation>可能的出處</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Close find bar</source>
        <translation>關閉搜尋列</translation>
    </message>
</context>
<context>
    <name>FoldingDock</name>
    <message>
        <source>Show %1</source>
        <translation>展開%1</translation>
    </message>
    <message>
        <source>Fold to a strip</source>
        <translation>收合為窄條</translation>
    </message>
    <message>
        <source>Fold %1 to a strip</source>
        <translation>將%1收合為窄條</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>{n} imported</source>
        <translation>匯入 {n} 篇</translation>
    </message>
    <message>
        <source>{n} already in the library</source>
        <translation>{n} 篇已在庫中</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>匯入</translation>
    </message>
    <message>
        <source>{n} refused: {reasons}</source>
        <translation>{n} 篇未能匯入：{reasons}</translation>
    </message>
    <message>
        <source>{n} skipped (not documents)</source>
        <translation>略過 {n} 個非文件檔案</translation>
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
        <translation>簡體</translation>
    </message>
    <message>
        <source>Traditional</source>
        <translation>繁體</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>臺灣</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>香港</translation>
    </message>
    <message>
        <source>Follow the toolbar</source>
        <translation>依工具列</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟隨系統語言</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Sans (screen)</source>
        <translation>黑體（螢幕閱讀）</translation>
    </message>
    <message>
        <source>Song (print)</source>
        <translation>明體（印刷）</translation>
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
        <translation>該地區文件中的出現次數：</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地區</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>字體</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>字數</translation>
    </message>
    <message>
        <source>Simplified</source>
        <translation>簡體</translation>
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
        <translation>簡</translation>
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
        <translation>發文機關</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>發文字號</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Region filter</source>
        <translation>地區篩選</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>匯入…</translation>
    </message>
    <message>
        <source>Import files (or drop them on the list)</source>
        <translation>匯入檔案（也可拖放到清單）</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>對讀</translation>
    </message>
    <message>
        <source>Compare the two selected documents</source>
        <translation>對讀所選的兩篇</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>搜尋…</translation>
    </message>
    <message>
        <source>Search all documents</source>
        <translation>搜尋全部文件</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜尋結果</translation>
    </message>
    <message>
        <source>Open in left pane</source>
        <translation>在左欄開啟</translation>
    </message>
    <message>
        <source>Open in right pane</source>
        <translation>在右欄開啟</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Import revised version…</source>
        <translation>匯入修訂版…</translation>
    </message>
    <message>
        <source>Reading the library</source>
        <translation>讀取文庫</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部地區</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Saved: {title}</source>
        <translation>已儲存：{title}</translation>
    </message>
    <message>
        <source>Error: {reason}</source>
        <translation>錯誤：{reason}</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>匯入檔案</translation>
    </message>
    <message>
        <source>Documents ({patterns});;All files (*)</source>
        <translation>文件 ({patterns});;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Importing {n} files…</source>
        <translation>正在匯入 {n} 個檔案…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>搜尋中…</translation>
    </message>
    <message>
        <source>Search failed: {reason}</source>
        <translation>搜尋失敗：{reason}</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>No hits</source>
        <translation>無結果</translation>
    </message>
    <message>
        <source>first {n} hits</source>
        <translation>前 {n} 筆</translation>
    </message>
    <message>
        <source>{n} hits in {d} documents</source>
        <translation>{n} 筆，{d} 篇</translation>
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
        <translation>筆記</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>文庫</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Cancel the running task</source>
        <translation>取消執行中的工作</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Focused passage</source>
        <translation>目前段落</translation>
    </message>
    <message numerus="yes">
        <source>%n documents</source>
        <translation>
            <numerusform>%n 篇文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>匯入…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>Export comparison report…</source>
        <translation>匯出對讀報告…</translation>
    </message>
    <message>
        <source>Copy with citation</source>
        <translation>複製並註明出處</translation>
    </message>
    <message>
        <source>Find in pane</source>
        <translation>在本欄中搜尋</translation>
    </message>
    <message>
        <source>Find similar across the library</source>
        <translation>在文庫中搜尋相似段落</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>偏好設定…</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>原始大小</translation>
    </message>
    <message>
        <source>⇄ Swap</source>
        <translation>⇄ 交換</translation>
    </message>
    <message>
        <source>Swap the panes</source>
        <translation>交換左右文件</translation>
    </message>
    <message>
        <source>Sync scrolling</source>
        <translation>同步捲動</translation>
    </message>
    <message>
        <source>Show boilerplate</source>
        <translation>顯示制式用語</translation>
    </message>
    <message>
        <source>Next shared passage</source>
        <translation>下一處</translation>
    </message>
    <message>
        <source>Previous shared passage</source>
        <translation>上一處</translation>
    </message>
    <message>
        <source>About Duidu</source>
        <translation>關於</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>Compare again</source>
        <translation>重新比較</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>Recent comparisons</source>
        <translation>最近的對讀</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>筆記(&amp;N)</translation>
    </message>
    <message>
        <source>Quick code (last used codes)</source>
        <translation>快速編碼（最近用過的編碼）</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>前往(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>閱讀</translation>
    </message>
    <message>
        <source>Passage %1 / %2</source>
        <translation>第 %1 / %2 處</translation>
    </message>
    <message>
        <source>Copied with citation</source>
        <translation>已複製並註明出處</translation>
    </message>
    <message>
        <source>Import documents</source>
        <translation>匯入文件</translation>
    </message>
    <message>
        <source>Documents ({patterns});;All files (*)</source>
        <translation>文件 ({patterns});;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Duidu %1
Read Chinese policy documents against each other, offline.</source>
        <translation>對讀 %1
離線對讀中文政策文件。</translation>
    </message>
    <message>
        <source>Cancelled · F5 compares again</source>
        <translation>已取消 · F5 重新比較</translation>
    </message>
    <message>
        <source>Import another document to compare</source>
        <translation>文庫只有一篇文件：匯入更多即可對讀</translation>
    </message>
    <message>
        <source>Preparing the library (first run: importing the seeds)…</source>
        <translation>正在準備文庫…</translation>
    </message>
    <message>
        <source>The library is empty: drop files or press Ctrl+O</source>
        <translation>文庫為空：拖入檔案或按 Ctrl+O 匯入</translation>
    </message>
    <message>
        <source>Preparing the library</source>
        <translation>準備文庫</translation>
    </message>
    <message>
        <source>%1: waiting for another Duidu to finish writing to the library (%2 s)…</source>
        <translation>%1：等待另一個對讀寫完文庫（%2 秒）…</translation>
    </message>
    <message>
        <source>Saving your changes to the library…</source>
        <translation>正在將變更存入文庫…</translation>
    </message>
    <message>
        <source>Keep them for later</source>
        <translation>留待之後</translation>
    </message>
    <message>
        <source>Saving your changes: another Duidu is writing to the library (%1 s)…</source>
        <translation>正在儲存變更：另一個對讀正在寫入文庫（%1 秒）…</translation>
    </message>
    <message>
        <source>%1 notes could not be saved to the library last time and were kept in %2. Put them back now?</source>
        <translation>上次有 %1 則筆記未能存入文庫，已保留在 %2。現在放回文庫嗎？</translation>
    </message>
    <message>
        <source>Restore kept notes</source>
        <translation>放回保留的筆記</translation>
    </message>
    <message>
        <source>The library could not be opened: %1</source>
        <translation>無法開啟文庫：%1</translation>
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
        <translation>地區</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2: %n mention(s)</source>
        <translation>
            <numerusform>%1 · %2：%n 處</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeasuresModel</name>
    <message>
        <source>documents state it</source>
        <translation>篇文件提到</translation>
    </message>
    <message>
        <source>Click to show, again for the next</source>
        <translation>按一下顯示，再按一下看下一處</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>The figures differ</source>
        <translation>數字不同</translation>
    </message>
    <message>
        <source>The figures agree</source>
        <translation>數字一致</translation>
    </message>
    <message>
        <source>Figures of measures</source>
        <translation>措施中的數字</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Indicator, or the measure a figure belongs to</source>
        <translation>指標，或數字所屬的措施</translation>
    </message>
    <message>
        <source>≠ where the figures differ (value or qualifier)</source>
        <translation>≠：兩份文件的數字不同（數值或限定詞）</translation>
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
        <translation>只列出兩篇（全庫：至少兩篇）都提到的措施</translation>
    </message>
    <message>
        <source>Whole library</source>
        <translation>全庫</translation>
    </message>
    <message>
        <source>Measures across every document</source>
        <translation>措施 × 全部文件</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>數字</translation>
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
            <numerusform>%n 處不同</numerusform>
        </translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比較…</translation>
    </message>
    <message>
        <source>No pair open</source>
        <translation>尚未開啟兩篇文件</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>計算中…</translation>
    </message>
    <message>
        <source>Library measures</source>
        <translation>全庫措施</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>計算失敗</translation>
    </message>
    <message>
        <source>Comparison note on this measure…</source>
        <translation>就此措施寫對照筆記…</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>The reuse network is made on request (Compute)</source>
        <translation>文字重用網路依需求產生（按「計算」）</translation>
    </message>
</context>
<context>
    <name>NotesController</name>
    <message>
        <source>Loading notes</source>
        <translation>讀取筆記</translation>
    </message>
    <message>
        <source>Annotate</source>
        <translation>標註</translation>
    </message>
    <message>
        <source>Comparison note</source>
        <translation>對照筆記</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>編輯筆記</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>刪除筆記</translation>
    </message>
    <message>
        <source>Re-place note</source>
        <translation>重新定位筆記</translation>
    </message>
    <message>
        <source>Importing the revision</source>
        <translation>匯入修訂版</translation>
    </message>
    <message>
        <source>Add code</source>
        <translation>新增編碼</translation>
    </message>
    <message>
        <source>Edit code</source>
        <translation>修改編碼</translation>
    </message>
    <message>
        <source>Move code</source>
        <translation>移動編碼</translation>
    </message>
    <message>
        <source>Merge codes</source>
        <translation>合併編碼</translation>
    </message>
    <message>
        <source>Delete code</source>
        <translation>刪除編碼</translation>
    </message>
</context>
<context>
    <name>NotesExchange</name>
    <message>
        <source>Duidu</source>
        <translation>對讀</translation>
    </message>
    <message>
        <source>REFI-QDA project (*.qdpx)</source>
        <translation>REFI-QDA 專案 (*.qdpx)</translation>
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
        <translation>匯出筆記</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>已匯出：%1</translation>
    </message>
    <message>
        <source>Exporting notes</source>
        <translation>正在匯出筆記</translation>
    </message>
    <message>
        <source>Export codebook</source>
        <translation>匯出編碼本</translation>
    </message>
    <message>
        <source>REFI-QDA codebook (*.qdc)</source>
        <translation>REFI-QDA 編碼本 (*.qdc)</translation>
    </message>
    <message numerus="yes">
        <source>%n codes exported</source>
        <translation>
            <numerusform>已匯出 %n 個編碼</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting the codebook</source>
        <translation>正在匯出編碼本</translation>
    </message>
    <message>
        <source>Import a REFI-QDA project</source>
        <translation>匯入 REFI-QDA 專案</translation>
    </message>
    <message>
        <source>Project imported</source>
        <translation>專案已匯入</translation>
    </message>
    <message>
        <source>Importing the project</source>
        <translation>正在匯入專案</translation>
    </message>
    <message>
        <source>Import a codebook</source>
        <translation>匯入編碼本</translation>
    </message>
    <message>
        <source>Importing the codebook</source>
        <translation>正在匯入編碼本</translation>
    </message>
    <message>
        <source>Agreement needs notes by at least two annotators</source>
        <translation>計算一致性需要至少兩位標註者的筆記</translation>
    </message>
    <message>
        <source>Choose at least two annotators</source>
        <translation>請至少選擇兩位標註者</translation>
    </message>
    <message>
        <source>Computing agreement</source>
        <translation>正在計算一致性</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <source>Codes</source>
        <translation>編碼</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>引文</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>筆記</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地區</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>標註者</translation>
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
        <translation>依編碼篩選</translation>
    </message>
    <message>
        <source>Filter by document</source>
        <translation>依文件篩選</translation>
    </message>
    <message>
        <source>Filter by region</source>
        <translation>依地區篩選</translation>
    </message>
    <message>
        <source>Filter by annotator</source>
        <translation>依標註者篩選</translation>
    </message>
    <message>
        <source>Find in quotes and notes (any script)</source>
        <translation>在引文和筆記中搜尋（不分簡繁）</translation>
    </message>
    <message>
        <source>Blind (only my notes)</source>
        <translation>盲評（只看我的筆記）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Place at selection</source>
        <translation>定位到所選</translation>
    </message>
    <message>
        <source>Anchor an orphaned note at the text selected in a pane</source>
        <translation>把未能定位的筆記放到窗格中選取的文字上</translation>
    </message>
    <message>
        <source>Codebook…</source>
        <translation>編碼本…</translation>
    </message>
    <message>
        <source>No note matches these filters.</source>
        <translation>沒有符合這些篩選條件的筆記。</translation>
    </message>
    <message>
        <source>No notes yet. Select a passage in a pane and press Ctrl+T (Code selection…) to code it and write a note.</source>
        <translation>還沒有筆記。在內文中選取一段文字，按 Ctrl+T（標註所選…）即可編碼並寫筆記。</translation>
    </message>
    <message>
        <source>Filter by code (any script)</source>
        <translation>依編碼篩選（不分簡繁）</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>全部文件</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部地區</translation>
    </message>
    <message>
        <source>All annotators</source>
        <translation>全部標註者</translation>
    </message>
    <message>
        <source>%1 / %2 notes</source>
        <translation>%1 / %2 則筆記</translation>
    </message>
</context>
<context>
    <name>NotesUI</name>
    <message>
        <source>Code selection…</source>
        <translation>標註所選…</translation>
    </message>
    <message>
        <source>Comparison note…</source>
        <translation>對照筆記…</translation>
    </message>
    <message>
        <source>Quick code %1</source>
        <translation>快速編碼 %1</translation>
    </message>
    <message>
        <source>Codebook…</source>
        <translation>編碼本…</translation>
    </message>
    <message>
        <source>Export notes…</source>
        <translation>匯出筆記…</translation>
    </message>
    <message>
        <source>Import REFI-QDA project…</source>
        <translation>匯入 REFI-QDA 專案…</translation>
    </message>
    <message>
        <source>Export codebook…</source>
        <translation>匯出編碼本…</translation>
    </message>
    <message>
        <source>Import codebook…</source>
        <translation>匯入編碼本…</translation>
    </message>
    <message>
        <source>Agreement between annotators…</source>
        <translation>標註者一致性…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source> · Ctrl+Z to undo</source>
        <translation> · Ctrl+Z 復原</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未儲存</translation>
    </message>
    <message>
        <source>Select a passage first</source>
        <translation>請先選取一段文字</translation>
    </message>
    <message>
        <source>No code on Alt+%1 yet: code a selection once with Ctrl+T</source>
        <translation>Alt+%1 還沒有編碼：先用 Ctrl+T 標註一次</translation>
    </message>
    <message>
        <source>Select a passage on each side, or focus a shared passage</source>
        <translation>請在兩邊各選取一段，或先聚焦一處共同段落</translation>
    </message>
    <message>
        <source>Comparison note</source>
        <translation>對照筆記</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>編輯筆記</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>刪除筆記</translation>
    </message>
    <message>
        <source>Import a revised version</source>
        <translation>匯入修訂版</translation>
    </message>
    <message>
        <source>Documents ({patterns});;All files (*)</source>
        <translation>文件 ({patterns});;所有檔案 (*)</translation>
    </message>
    <message>
        <source>%1 unchanged, %2 moved, %3 fuzzy, %4 orphaned</source>
        <translation>%1 處未變，%2 處移動，%3 處近似定位，%4 處未能定位</translation>
    </message>
    <message>
        <source>Notes re-anchored: %1</source>
        <translation>筆記重新定位：%1</translation>
    </message>
    <message>
        <source>Orphaned notes are marked ⚠ in the notes panel: select the text and press “Place at selection”.</source>
        <translation>未能定位的筆記在筆記面板中以 ⚠ 標出：選取文字後按「定位到所選」。</translation>
    </message>
    <message>
        <source>Revision imported</source>
        <translation>修訂版已匯入</translation>
    </message>
    <message>
        <source>Select the note&apos;s text in its document, then press Place at selection</source>
        <translation>在文件中選取這則筆記的文字，再按「定位到所選」</translation>
    </message>
</context>
<context>
    <name>OverviewRuler</name>
    <message>
        <source>Where shared passages lie (click to go there)</source>
        <translation>共同段落的位置（按一下前往）</translation>
    </message>
    <message>
        <source>Overview ruler</source>
        <translation>概覽標尺</translation>
    </message>
</context>
<context>
    <name>ParagraphMargin</name>
    <message>
        <source>Paragraph numbers</source>
        <translation>段落編號</translation>
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
        <translation>字數</translation>
    </message>
    <message>
        <source>Informative</source>
        <translation>資訊量</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>boilerplate</source>
        <translation>制式用語</translation>
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
            <numerusform>〔另%n處〕</numerusform>
        </translation>
    </message>
    <message>
        <source>Boilerplate: formulaic text shared by many policy documents</source>
        <translation>制式用語：許多政策文件共有的固定措辭</translation>
    </message>
    <message>
        <source>Names a place both documents name:</source>
        <translation>兩份文件都提到的地方：</translation>
    </message>
    <message numerus="yes">
        <source>Also linked at %n further places:</source>
        <translation>
            <numerusform>另有 %n 處與之對應：</numerusform>
        </translation>
    </message>
    <message>
        <source>Len.</source>
        <comment>length, short</comment>
        <translation>字數</translation>
    </message>
    <message>
        <source>Inf.</source>
        <comment>informative, short</comment>
        <translation>資訊量</translation>
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
        <translation>制式</translation>
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
        <translation>共同段落</translation>
    </message>
    <message>
        <source>Boilerplate: formulaic text shared by many policy documents, hidden by default. Shown, it is greyed and marked in the list.</source>
        <translation>制式用語：許多政策文件共有的固定措辭，預設隱藏。顯示時在清單中以灰色標示。</translation>
    </message>
    <message numerus="yes">
        <source>%n shared passages</source>
        <translation>
            <numerusform>%n 處共同段落</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verbatim</source>
        <translation>
            <numerusform>%n 處逐字相同</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n boilerplate</source>
        <translation>
            <numerusform>%n 處制式用語</numerusform>
        </translation>
    </message>
    <message>
        <source>Hide boilerplate</source>
        <translation>隱藏制式用語</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>verbatim, fuzzy</comment>
        <translation>%1，%2</translation>
    </message>
    <message numerus="yes">
        <source>%n fuzzy</source>
        <translation>
            <numerusform>%n 處近似</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>shared passages: their kinds</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 shown: %2 (%3), %4</source>
        <translation>顯示 %1 處：%2（%3），%4</translation>
    </message>
    <message numerus="yes">
        <source>+%n boilerplate hidden</source>
        <translation>
            <numerusform>+%n 處制式用語（已隱藏）</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the boilerplate in the list</source>
        <translation>在清單中顯示制式用語</translation>
    </message>
    <message>
        <source>Hide the boilerplate again</source>
        <translation>再次隱藏制式用語</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>偏好設定</translation>
    </message>
    <message>
        <source>Built-in Chinese fonts</source>
        <translation>使用內建中文字型</translation>
    </message>
    <message>
        <source>Default (8)</source>
        <translation>預設（8）</translation>
    </message>
    <message>
        <source>Show boilerplate matches</source>
        <translation>顯示制式用語的相符段落</translation>
    </message>
    <message>
        <source>Scroll the panes in step</source>
        <translation>依對齊同步捲動</translation>
    </message>
    <message>
        <source>Blind: show only my notes</source>
        <translation>盲評：只顯示我的筆記</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>介面語言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>外觀</translation>
    </message>
    <message>
        <source>Default script</source>
        <translation>預設字體</translation>
    </message>
    <message>
        <source>Reading face</source>
        <translation>閱讀字型</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>字型</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字級</translation>
    </message>
    <message>
        <source>Minimum match length (characters)</source>
        <translation>共同段落最短字數</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>標註者</translation>
    </message>
</context>
<context>
    <name>RegionView</name>
    <message>
        <source>Regions</source>
        <translation>地區</translation>
    </message>
    <message>
        <source>Regions: measures, targets, reuse…</source>
        <translation>地區：措施、目標、文字重用…</translation>
    </message>
    <message>
        <source>Where did this come from?</source>
        <translation>這段話從哪裡來？</translation>
    </message>
    <message>
        <source>Every document holding the selected passage, earliest first</source>
        <translation>含有所選段落的全部文件，最早的在前</translation>
    </message>
    <message>
        <source>Select a passage first</source>
        <translation>請先選取一段文字</translation>
    </message>
    <message>
        <source>All documents (not the samples)</source>
        <translation>全部文件（不含範例）</translation>
    </message>
    <message>
        <source>Selected in the library</source>
        <translation>文庫中選取的文件</translation>
    </message>
    <message>
        <source>Filter by region or year</source>
        <translation>依地區或年份篩選</translation>
    </message>
    <message>
        <source>e.g. 2026, 广东, 44 (region code)</source>
        <translation>如 2026、廣東、44（區劃代碼）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <source>Save as set…</source>
        <translation>儲存為文件集…</translation>
    </message>
    <message>
        <source>Keep these documents as a named set in the library (e.g. provinces 2026)</source>
        <translation>把這些文件作為具名文件集保存在文庫中（如「2026 各省」）</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>匯出 CSV…</translation>
    </message>
    <message>
        <source>Export picture…</source>
        <translation>匯出圖片…</translation>
    </message>
    <message>
        <source>Region report…</source>
        <translation>地區報告…</translation>
    </message>
    <message>
        <source>Measures × regions</source>
        <translation>措施 × 地區</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Reuse network</source>
        <translation>文字重用網路</translation>
    </message>
    <message>
        <source>Where did this come from</source>
        <translation>這段話從哪裡來</translation>
    </message>
    <message>
        <source>administrative code</source>
        <translation>行政區劃代碼</translation>
    </message>
    <message>
        <source>pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>measures shared</source>
        <translation>共有措施數</translation>
    </message>
    <message>
        <source>by category</source>
        <translation>依類別</translation>
    </message>
    <message>
        <source>by spread</source>
        <translation>依涵蓋地區數</translation>
    </message>
    <message>
        <source>Columns by</source>
        <translation>欄排序</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>列排序</translation>
    </message>
    <message>
        <source>Shared by at least</source>
        <translation>至少共有地區數</translation>
    </message>
    <message>
        <source>Missing from</source>
        <translation>缺少於</translation>
    </message>
    <message>
        <source>Click a cell to see its evidence; double-click a line to read it in the pair.</source>
        <translation>點選儲存格查看依據；按兩下一列，在對讀中閱讀。</translation>
    </message>
    <message>
        <source>Click a point to read its sentence.</source>
        <translation>點選一個點，閱讀它所在的句子。</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指標</translation>
    </message>
    <message>
        <source> informative characters</source>
        <translation> 個資訊字元</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>計算</translation>
    </message>
    <message>
        <source>Edges point from the earlier document to the later; click one to read the pair.</source>
        <translation>箭頭從較早的文件指向較晚的文件；點選一條連線，對讀這兩份文件。</translation>
    </message>
    <message>
        <source>Edges from</source>
        <translation>連線下限</translation>
    </message>
    <message>
        <source>Select a sentence in the reader and choose “Where did this come from?” (right-click menu).</source>
        <translation>在閱讀區選取一句話，再選擇「這段話從哪裡來？」（右鍵選單）。</translation>
    </message>
    <message>
        <source>Reading the documents…</source>
        <translation>正在讀取文件…</translation>
    </message>
    <message>
        <source>Region view</source>
        <translation>地區檢視</translation>
    </message>
    <message>
        <source>(any region)</source>
        <translation>（任一地區）</translation>
    </message>
    <message>
        <source>%1 documents, %2 regions, %3 measures (%4 s)</source>
        <translation>%1 份文件，%2 個地區，%3 項措施（%4 秒）</translation>
    </message>
    <message>
        <source>Finding shared text…</source>
        <translation>正在尋找共同文字…</translation>
    </message>
    <message>
        <source>%1 edges (%2 shown); edges point from the earlier document to the later.</source>
        <translation>%1 條連線（顯示 %2 條）；箭頭從較早的文件指向較晚的文件。</translation>
    </message>
    <message>
        <source>First look: %1 edges from the pairs aligned so far (the strongest first); aligning the rest…</source>
        <translation>初步結果：已比對的文件對中有 %1 條連線（最強的先比對）；其餘正在比對…</translation>
    </message>
    <message>
        <source>Looking for “%1”…</source>
        <translation>正在尋找「%1」…</translation>
    </message>
    <message>
        <source>“%1”: %2 documents, earliest first (★ the likely origin); double-click one to read it beside the selection.</source>
        <translation>「%1」：%2 份文件，最早的在前（★ 可能的出處）；按兩下一份，與所選段落對讀。</translation>
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
        <translation>已儲存文件集「%1」</translation>
    </message>
    <message>
        <source>Save document set</source>
        <translation>儲存文件集</translation>
    </message>
    <message>
        <source>Show some documents first</source>
        <translation>請先顯示一些文件</translation>
    </message>
    <message>
        <source>Save as set</source>
        <translation>儲存為文件集</translation>
    </message>
    <message>
        <source>Name of the set:</source>
        <translation>文件集名稱：</translation>
    </message>
    <message>
        <source>%1 in %2: %3 mentions — double-click one to read it in the pair.</source>
        <translation>%2的「%1」：%3 處 —— 按兩下一處，在對讀中閱讀。</translation>
    </message>
    <message>
        <source>%1 → %2: %3 informative characters shared</source>
        <translation>%1 → %2：共有 %3 個資訊字元</translation>
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
        <translation>地區報告</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>匯出 CSV</translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation>匯出圖片</translation>
    </message>
</context>
<context>
    <name>ReportAction</name>
    <message>
        <source>Open two documents first</source>
        <translation>請先開啟兩篇文件</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>匯出報告</translation>
    </message>
    <message>
        <source>Report written: {path} ({n} pages)</source>
        <translation>報告已寫入：{path}（{n} 頁）</translation>
    </message>
    <message>
        <source>Report written: {path}</source>
        <translation>報告已寫入：{path}</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>報告</translation>
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
        <translation>開啟</translation>
    </message>
    <message>
        <source>Open this passage in the reader</source>
        <translation>在閱讀器中開啟這一段</translation>
    </message>
    <message>
        <source>Empty query: select a passage first</source>
        <translation>沒有搜尋內容：請先選取一段文字</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>搜尋：</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>搜尋中…</translation>
    </message>
    <message>
        <source>Select a passage to find similar ones</source>
        <translation>選取一段文字，搜尋相似段落</translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n 筆結果</numerusform>
        </translation>
    </message>
    <message>
        <source>No similar passages</source>
        <translation>沒有相似段落</translation>
    </message>
    <message>
        <source>Search failed:</source>
        <translation>搜尋失敗：</translation>
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
        <translation>這些文件中沒有指標數值</translation>
    </message>
    <message>
        <source>National %1: %2 (%3)</source>
        <translation>全國%1：%2（%3）</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>result</source>
        <translation>實績</translation>
    </message>
    <message>
        <source>a range (low–high)</source>
        <translation>區間（低–高）</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <source>Region</source>
        <translation>地區</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>數值</translation>
    </message>
    <message>
        <source>Qualifier</source>
        <translation>限定詞</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>時期</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
</context>
</TS>
