<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CodebookDialog</name>
    <message numerus="yes">
        <source>%n notes</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message numerus="yes">
        <source>%n shared passages</source>
        <translation>
            <numerusform>%n shared passage</numerusform>
            <numerusform>%n shared passages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message numerus="yes">
        <source>%n characters</source>
        <translation>
            <numerusform>%n character</numerusform>
            <numerusform>%n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform><numerusform>%n found</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n documents</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message numerus="yes">
        <source>%1 · %2: %n mention(s)</source>
        <translation>
            <numerusform>%1 · %2: %n mention(s)</numerusform><numerusform>%1 · %2: %n mention(s)</numerusform></translation>
    </message>
</context>
<context>
    <name>MeasuresPanel</name>
    <message numerus="yes">
        <source>%n differ</source>
        <translation>
            <numerusform>%n differs</numerusform>
            <numerusform>%n differ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesExchange</name>
    <message numerus="yes">
        <source>%n codes exported</source>
        <translation>
            <numerusform>%n code exported</numerusform>
            <numerusform>%n codes exported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassagesModel</name>
    <message numerus="yes">
        <source>[+%n places]</source>
        <translation>
            <numerusform>[+%n place]</numerusform>
            <numerusform>[+%n places]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also linked at %n further places:</source>
        <translation>
            <numerusform>Also linked at %n further place:</numerusform>
            <numerusform>Also linked at %n further places:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassagesPanel</name>
    <message numerus="yes">
        <source>%n shared passages</source>
        <translation>
            <numerusform>%n shared passage</numerusform>
            <numerusform>%n shared passages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verbatim</source>
        <translation>
            <numerusform>%n verbatim</numerusform><numerusform>%n verbatim</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n boilerplate</source>
        <translation>
            <numerusform>%n boilerplate</numerusform><numerusform>%n boilerplate</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n fuzzy</source>
        <translation>
            <numerusform>%n fuzzy</numerusform>
            <numerusform>%n fuzzy</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n boilerplate hidden</source>
        <translation>
            <numerusform>+%n boilerplate hidden</numerusform>
            <numerusform>+%n boilerplate hidden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SimilarPanel</name>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
</context>
</TS>