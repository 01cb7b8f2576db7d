<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Trellis</name>
    <message numerus="yes">
        <source>%n target(s)</source>
        <translation>
            <numerusform>%n target</numerusform>
            <numerusform>%n targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n BUILD file(s)</source>
        <translation>
            <numerusform>%n BUILD file</numerusform>
            <numerusform>%n BUILD files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n target(s)</source>
        <translation>
            <numerusform>%1 — %n target</numerusform>
            <numerusform>%1 — %n targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>target generator, %n generated target(s)</source>
        <translation>
            <numerusform>target generator, %n generated target</numerusform>
            <numerusform>target generator, %n generated targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n target(s)</source>
        <translation>
            <numerusform>%1 of %n target</numerusform>
            <numerusform>%1 of %n targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n process(es) finished</source>
        <translation>
            <numerusform>%1 of %n process finished</numerusform>
            <numerusform>%1 of %n processes finished</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n process(es)</source>
        <translation>
            <numerusform>%1 — %n process</numerusform>
            <numerusform>%1 — %n processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dependencies between the groups; strongest: %1</source>
        <translation>
            <numerusform>%n dependency between the groups; strongest: %1</numerusform>
            <numerusform>%n dependencies between the groups; strongest: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hop(s) from the focus</source>
        <translation>
            <numerusform>%n hop from the focus</numerusform>
            <numerusform>%n hops from the focus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n path(s) from %1 to %2</source>
        <translation>
            <numerusform>%n path from %1 to %2</numerusform>
            <numerusform>%n paths from %1 to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;nbsp;&amp;nbsp;… and %n more</source>
        <translation>
            <numerusform>&amp;nbsp;&amp;nbsp;… and %n more</numerusform>
            <numerusform>&amp;nbsp;&amp;nbsp;… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group of %n target(s)</source>
        <translation>
            <numerusform>Group of %n target</numerusform>
            <numerusform>Group of %n targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more import(s)</source>
        <translation>
            <numerusform>… and %n more import</numerusform>
            <numerusform>… and %n more imports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln BUILD file(s) failed</source>
        <translation>
            <numerusform>%Ln BUILD file failed</numerusform>
            <numerusform>%Ln BUILD files failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>%Ln error</numerusform>
            <numerusform>%Ln errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln other error(s)</source>
        <translation>
            <numerusform>%Ln other error</numerusform>
            <numerusform>%Ln other errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln target(s) shown</source>
        <translation>
            <numerusform>%Ln target shown</numerusform>
            <numerusform>%Ln targets shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expanded %1: %n target(s)</source>
        <translation>
            <numerusform>Expanded %1: %n target</numerusform>
            <numerusform>Expanded %1: %n targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n package(s) changed</source>
        <translation>
            <numerusform>%n package changed</numerusform>
            <numerusform>%n packages changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 reaches %n target(s)</source>
        <translation>
            <numerusform>%1 reaches %n target</numerusform>
            <numerusform>%1 reaches %n targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Start %n test processes?</source>
        <translation>
            <numerusform>Start %n test process?</numerusform>
            <numerusform>Start %n test processes?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This run starts %n test processes on %1 cores.</source>
        <translation>
            <numerusform>This run starts %n test process on %1 cores.</numerusform>
            <numerusform>This run starts %n test processes on %1 cores.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&quot;Run %n First&quot; runs the tests that failed last time first, then those of the changed targets.</source>
        <translation>
            <numerusform>&quot;Run %n First&quot; runs the test that failed last time first, then those of the changed targets.</numerusform>
            <numerusform>&quot;Run %n First&quot; runs the tests that failed last time first, then those of the changed targets.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Run %n First</source>
        <translation>
            <numerusform>Run %n First</numerusform>
            <numerusform>Run %n First</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of the focus, %n hop(s) away</source>
        <translation>
            <numerusform>%1 of the focus, %n hop away</numerusform>
            <numerusform>%1 of the focus, %n hops away</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dependency(ies) break a visibility rule</source>
        <translation>
            <numerusform>%n dependency breaks a visibility rule</numerusform>
            <numerusform>%n dependencies break a visibility rule</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cycle(s)</source>
        <translation>
            <numerusform>%n cycle</numerusform>
            <numerusform>%n cycles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edge(s) break visibility rules</source>
        <translation>
            <numerusform>%n edge breaks visibility rules</numerusform>
            <numerusform>%n edges break visibility rules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n break(s) a visibility rule</source>
        <translation>
            <numerusform>%n breaks a visibility rule</numerusform>
            <numerusform>%n break a visibility rule</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fragment(s)</source>
        <translation>
            <numerusform>%n fragment</numerusform>
            <numerusform>%n fragments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lockfile(s) unchanged since %1</source>
        <translation>
            <numerusform>%n lockfile unchanged since %1</numerusform>
            <numerusform>%n lockfiles unchanged since %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n owner(s)</source>
        <translation>
            <numerusform>%n owner</numerusform>
            <numerusform>%n owners</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hop(s) from %1</source>
        <translation>
            <numerusform>%n hop from %1</numerusform>
            <numerusform>%n hops from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Since %1: %n changed file(s)</source>
        <translation>
            <numerusform>Since %1: %n changed file</numerusform>
            <numerusform>Since %1: %n changed files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n affected target(s)</source>
        <translation>
            <numerusform>%n affected target</numerusform>
            <numerusform>%n affected targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test target(s) will be tested</source>
        <translation>
            <numerusform>%n test target will be tested</numerusform>
            <numerusform>%n test targets will be tested</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Why %1 is affected (%n hop(s) from a change)</source>
        <translation>
            <numerusform>Why %1 is affected (%n hop from a change)</numerusform>
            <numerusform>Why %1 is affected (%n hops from a change)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es); Enter goes to the next</source>
        <translation>
            <numerusform>%n match; Enter goes to the next</numerusform>
            <numerusform>%n matches; Enter goes to the next</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching target(s) inside; double-click to open</source>
        <translation>
            <numerusform>%n matching target inside; double-click to open</numerusform>
            <numerusform>%n matching targets inside; double-click to open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching target(s) inside</source>
        <translation>
            <numerusform>%n matching target inside</numerusform>
            <numerusform>%n matching targets inside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target dependency(ies)</source>
        <translation>
            <numerusform>%n target dependency</numerusform>
            <numerusform>%n target dependencies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n arrow(s) hidden; More &gt; Show Hidden Arrows brings them back</source>
        <translation>
            <numerusform>%n arrow hidden; More &gt; Show Hidden Arrows brings it back</numerusform>
            <numerusform>%n arrows hidden; More &gt; Show Hidden Arrows brings them back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Why does &lt;b&gt;%1&lt;/b&gt; depend on &lt;b&gt;%2&lt;/b&gt;: %n dependency(ies)</source>
        <translation>
            <numerusform>Why does &lt;b&gt;%1&lt;/b&gt; depend on &lt;b&gt;%2&lt;/b&gt;: %n dependency</numerusform>
            <numerusform>Why does &lt;b&gt;%1&lt;/b&gt; depend on &lt;b&gt;%2&lt;/b&gt;: %n dependencies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show all %n (%1 more)</source>
        <translation>
            <numerusform>Show all %n (%1 more)</numerusform>
            <numerusform>Show all %n (%1 more)</numerusform>
        </translation>
    </message>
</context>
</TS>
