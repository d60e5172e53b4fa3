<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>linearlab::ui::CollapseLesson</name>
    <message numerus="yes">
        <source>%1 passes x through%2</source>
        <translation>
            <numerusform>%1 passes x through%2</numerusform>
            <numerusform>%1 pass x through%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>linearlab::ui::ExplainerSum</name>
    <message numerus="yes">
        <source>(%n smaller terms: %1)</source>
        <translation>
            <numerusform>(%n smaller term: %1)</numerusform>
            <numerusform>(%n smaller terms: %1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>linearlab::ui::NodeBlock</name>
    <message numerus="yes">
        <source>%L1 params</source>
        <translation>
            <numerusform>%L1 param</numerusform>
            <numerusform>%L1 params</numerusform>
        </translation>
    </message>
</context>
</TS>
