<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>Trellis</name>
    <message>
        <source>Trellis %1</source>
        <translation>Trellis %1</translation>
    </message>
    <message>
        <source>About Trellis</source>
        <translation>Trellis 정보</translation>
    </message>
    <message>
        <source>A workspace manager for Pants-style Python monorepos.</source>
        <translation>Pants 방식 Python 모노레포를 위한 워크스페이스 관리자입니다.</translation>
    </message>
    <message>
        <source>Built with Qt %1, KSyntaxHighlighting, libgit2, toml++ and Graphviz.</source>
        <translation>Qt %1, KSyntaxHighlighting, libgit2, toml++, Graphviz로 만들었습니다.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <source>Language of the user interface; takes effect after a restart</source>
        <translation>사용자 인터페이스 언어입니다. 다시 시작한 후에 적용됩니다</translation>
    </message>
    <message>
        <source>Follow system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>Colour theme of the source viewer</source>
        <translation>소스 보기의 색상 테마</translation>
    </message>
    <message>
        <source>Command that opens a file in your editor. {file} and {line} are replaced; leave empty to use the system&apos;s default application.</source>
        <translation>편집기에서 파일을 여는 명령입니다. {file}과 {line}이 치환됩니다. 비워 두면 시스템 기본 프로그램을 사용합니다.</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>자동 (%1)</translation>
    </message>
    <message>
        <source>Threads used to load BUILD files and scan imports</source>
        <translation>BUILD 파일을 읽고 import를 분석하는 데 쓰는 스레드 수</translation>
    </message>
    <message>
        <source>Where Trellis keeps its caches; leave empty for the default location</source>
        <translation>Trellis가 캐시를 저장하는 위치입니다. 비워 두면 기본 위치를 사용합니다</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Clear Cache</source>
        <translation>캐시 비우기</translation>
    </message>
    <message>
        <source>Delete everything in the cache directory</source>
        <translation>캐시 디렉터리의 모든 내용을 삭제합니다</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source>Largest size the cache may grow to before old entries are evicted</source>
        <translation>오래된 항목을 지우기 전까지 캐시가 커질 수 있는 최대 크기</translation>
    </message>
    <message>
        <source>Python interpreter used to run tools; leave empty for python3 on PATH</source>
        <translation>도구 실행에 쓰는 Python 인터프리터입니다. 비워 두면 PATH의 python3를 사용합니다</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>모양</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>테마(&amp;T):</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>도구</translation>
    </message>
    <message>
        <source>External &amp;editor:</source>
        <translation>외부 편집기(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Python interpreter:</source>
        <translation>Python 인터프리터(&amp;P):</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>엔진</translation>
    </message>
    <message>
        <source>Parallel &amp;jobs:</source>
        <translation>병렬 작업 수(&amp;J):</translation>
    </message>
    <message>
        <source>&amp;Cache location:</source>
        <translation>캐시 위치(&amp;C):</translation>
    </message>
    <message>
        <source>Cache &amp;size limit:</source>
        <translation>캐시 크기 제한(&amp;S):</translation>
    </message>
    <message>
        <source>Cache Location</source>
        <translation>캐시 위치</translation>
    </message>
    <message>
        <source>Python Interpreter</source>
        <translation>Python 인터프리터</translation>
    </message>
    <message>
        <source>Delete all cached data in %1?</source>
        <translation>%1의 캐시 데이터를 모두 삭제할까요?</translation>
    </message>
    <message>
        <source>Some cache entries could not be deleted.</source>
        <translation>일부 캐시 항목을 삭제하지 못했습니다.</translation>
    </message>
    <message>
        <source>Files changed on disk; reloading…</source>
        <translation>디스크의 파일이 바뀌었습니다. 다시 불러오는 중…</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>문제 (%1)</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>워크스페이스 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a folder containing pants.toml</source>
        <translation>pants.toml이 있는 폴더를 엽니다</translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation>데모 워크스페이스 열기(&amp;D)</translation>
    </message>
    <message>
        <source>Create the Orchard demo monorepo (if needed) and open it</source>
        <translation>Orchard 데모 모노레포를 (필요하면) 만들고 엽니다</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>다시 불러오기(&amp;R)</translation>
    </message>
    <message>
        <source>Read pants.toml and all BUILD files again</source>
        <translation>pants.toml과 모든 BUILD 파일을 다시 읽습니다</translation>
    </message>
    <message>
        <source>&amp;Cancel Loading</source>
        <translation>불러오기 취소(&amp;C)</translation>
    </message>
    <message>
        <source>Stop loading the workspace and keep what was shown before</source>
        <translation>워크스페이스 불러오기를 멈추고 이전 내용을 유지합니다</translation>
    </message>
    <message>
        <source>C&amp;lose Workspace</source>
        <translation>워크스페이스 닫기(&amp;L)</translation>
    </message>
    <message>
        <source>Close the current workspace</source>
        <translation>현재 워크스페이스를 닫습니다</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>Language, theme, external editor, jobs, cache and Python interpreter</source>
        <translation>언어, 테마, 외부 편집기, 작업 수, 캐시, Python 인터프리터</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit Trellis</source>
        <translation>Trellis를 끝냅니다</translation>
    </message>
    <message>
        <source>&amp;Quick Open…</source>
        <translation>빠른 열기(&amp;Q)…</translation>
    </message>
    <message>
        <source>Jump to a target or file by typing part of its name</source>
        <translation>이름의 일부를 입력해 타깃이나 파일로 이동합니다</translation>
    </message>
    <message>
        <source>&amp;Filter Targets</source>
        <translation>타깃 필터(&amp;F)</translation>
    </message>
    <message>
        <source>Move the focus to the target filter</source>
        <translation>타깃 필터로 포커스를 옮깁니다</translation>
    </message>
    <message>
        <source>&amp;Go to Line…</source>
        <translation>줄로 이동(&amp;G)…</translation>
    </message>
    <message>
        <source>Jump to a line in the current file</source>
        <translation>현재 파일의 특정 줄로 이동합니다</translation>
    </message>
    <message>
        <source>Open in &amp;External Editor</source>
        <translation>외부 편집기에서 열기(&amp;E)</translation>
    </message>
    <message>
        <source>Open the current file at the current line in the configured editor</source>
        <translation>설정한 편집기에서 현재 파일을 현재 줄로 엽니다</translation>
    </message>
    <message>
        <source>Close &amp;Tab</source>
        <translation>탭 닫기(&amp;T)</translation>
    </message>
    <message>
        <source>Close the current centre tab</source>
        <translation>가운데 영역의 현재 탭을 닫습니다</translation>
    </message>
    <message>
        <source>&amp;About Trellis</source>
        <translation>Trellis 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Show the version of Trellis</source>
        <translation>Trellis 버전을 보여 줍니다</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>Show the version of Qt</source>
        <translation>Qt 버전을 보여 줍니다</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>목록 지우기(&amp;C)</translation>
    </message>
    <message>
        <source>Forget the recently opened workspaces</source>
        <translation>최근에 연 워크스페이스 목록을 지웁니다</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 항목 열기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>이동(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <source>Show or hide the %1 panel</source>
        <translation>%1 패널을 보이거나 숨깁니다</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>타깃</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>상세 정보</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Creating the demo workspace…</source>
        <translation>데모 워크스페이스를 만드는 중…</translation>
    </message>
    <message>
        <source>Opened %1 in %2</source>
        <translation>%2에서 %1을(를) 열었습니다</translation>
    </message>
    <message>
        <source>Could not start the editor command &quot;%1&quot;; using the system default</source>
        <translation>편집기 명령 &quot;%1&quot;을(를) 시작하지 못해 시스템 기본 프로그램을 사용합니다</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 열기</translation>
    </message>
    <message>
        <source>Trellis</source>
        <translation>Trellis</translation>
    </message>
    <message>
        <source>%1 — Trellis</source>
        <translation>%1 — Trellis</translation>
    </message>
    <message>
        <source>Open Pants Workspace</source>
        <translation>Pants 워크스페이스 열기</translation>
    </message>
    <message>
        <source>Go to Line</source>
        <translation>줄로 이동</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>줄:</translation>
    </message>
    <message>
        <source>Reloading %1…</source>
        <translation>%1 다시 불러오는 중…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%3개 중 %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n target(s)</source>
        <translation>
            <numerusform>타깃 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n BUILD file(s)</source>
        <translation>
            <numerusform>BUILD 파일 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Reloaded</source>
        <translation>다시 불러왔습니다</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1을(를) 불러왔습니다</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1을(를) 열지 못했습니다</translation>
    </message>
    <message>
        <source>Cannot Open Workspace</source>
        <translation>워크스페이스를 열 수 없음</translation>
    </message>
    <message>
        <source>Trellis could not open %1.</source>
        <translation>Trellis가 %1을(를) 열지 못했습니다.</translation>
    </message>
    <message>
        <source>Loading cancelled</source>
        <translation>불러오기를 취소했습니다</translation>
    </message>
    <message>
        <source>unknown target type &apos;%1&apos; (its fields are kept as written)</source>
        <translation>알 수 없는 타깃 유형 &apos;%1&apos; (필드는 작성된 그대로 유지됩니다)</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>File %1</source>
        <translation>파일 %1</translation>
    </message>
    <message>
        <source>Target %1 (%2)</source>
        <translation>타깃 %1 (%2)</translation>
    </message>
    <message>
        <source>invalid spec</source>
        <translation>잘못된 스펙</translation>
    </message>
    <message>
        <source>(root)</source>
        <translation>(루트)</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n target(s)</source>
        <translation>
            <numerusform>%1 — 타깃 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
Type: %2</source>
        <translation>%1
유형: %2</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>타깃</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>개수</translation>
    </message>
    <message>
        <source>explicit</source>
        <translation>명시적</translation>
    </message>
    <message>
        <source>import</source>
        <translation>import</translation>
    </message>
    <message>
        <source>generated</source>
        <translation>생성됨</translation>
    </message>
    <message>
        <source>conftest.py</source>
        <translation>conftest.py</translation>
    </message>
    <message>
        <source>__init__.py</source>
        <translation>__init__.py</translation>
    </message>
    <message>
        <source>entry point</source>
        <translation>엔트리 포인트</translation>
    </message>
    <message>
        <source>requirement</source>
        <translation>요구 사항</translation>
    </message>
    <message>
        <source>Show transitive dependencies and dependents</source>
        <translation>전이적 의존성과 의존 대상 보기</translation>
    </message>
    <message>
        <source>List every target reachable through dependencies, not only direct ones</source>
        <translation>직접 의존성뿐 아니라 의존성을 따라 닿는 모든 타깃을 나열합니다</translation>
    </message>
    <message>
        <source>transitive</source>
        <translation>전이적</translation>
    </message>
    <message>
        <source>(weak)</source>
        <translation>(약함)</translation>
    </message>
    <message>
        <source>Select a target to see its fields, sources, dependencies and dependents.</source>
        <translation>타깃을 선택하면 필드, 소스, 의존성, 의존 대상을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>열린 워크스페이스가 없습니다.</translation>
    </message>
    <message>
        <source>(unknown target type)</source>
        <translation>(알 수 없는 타깃 유형)</translation>
    </message>
    <message numerus="yes">
        <source>target generator, %n generated target(s)</source>
        <translation>
            <numerusform>타깃 생성기, 생성된 타깃 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>generated by %1</source>
        <translation>%1이(가) 생성</translation>
    </message>
    <message>
        <source>Declared at %1</source>
        <translation>선언 위치: %1</translation>
    </message>
    <message>
        <source>Resolve: %1</source>
        <translation>리졸브: %1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>태그: %1</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>필드</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(기본값)</translation>
    </message>
    <message>
        <source>Sources (%1)</source>
        <translation>소스 (%1)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Dependencies are not available: inference was cancelled.</source>
        <translation>의존성을 표시할 수 없습니다. 추론이 취소되었습니다.</translation>
    </message>
    <message>
        <source>Transitive dependencies (%1)</source>
        <translation>전이적 의존성 (%1)</translation>
    </message>
    <message>
        <source>Dependencies (%1)</source>
        <translation>의존성 (%1)</translation>
    </message>
    <message>
        <source>Transitive dependents (%1)</source>
        <translation>전이적 의존 대상 (%1)</translation>
    </message>
    <message>
        <source>Dependents (%1)</source>
        <translation>의존 대상 (%1)</translation>
    </message>
    <message>
        <source>Show errors</source>
        <translation>오류 보기</translation>
    </message>
    <message>
        <source>Show warnings</source>
        <translation>경고 보기</translation>
    </message>
    <message>
        <source>Show notes</source>
        <translation>참고 보기</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>오류 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>경고 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>참고 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Quick Open</source>
        <translation>빠른 열기</translation>
    </message>
    <message>
        <source>Type part of a target address or file path</source>
        <translation>타깃 주소나 파일 경로의 일부를 입력하세요</translation>
    </message>
    <message>
        <source>Open in External Editor</source>
        <translation>외부 편집기에서 열기</translation>
    </message>
    <message>
        <source>Open this file at the current line in the configured external editor</source>
        <translation>설정한 외부 편집기에서 이 파일을 현재 줄로 엽니다</translation>
    </message>
    <message>
        <source>%1 is too large to show (%2 MiB).</source>
        <translation>%1은(는) 너무 커서 표시할 수 없습니다 (%2 MiB).</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>일반 텍스트</translation>
    </message>
    <message>
        <source>Filter: src/app::, dir:name, !excluded, text</source>
        <translation>필터: src/app::, dir:name, !제외, 텍스트</translation>
    </message>
    <message>
        <source>&lt;p&gt;Filter targets with Pants specs and free text, separated by spaces:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;code&gt;src/app::&lt;/code&gt; — everything under src/app&lt;/li&gt;&lt;li&gt;&lt;code&gt;src/app:&lt;/code&gt; — targets in src/app only&lt;/li&gt;&lt;li&gt;&lt;code&gt;src/app:lib&lt;/code&gt; — one target&lt;/li&gt;&lt;li&gt;&lt;code&gt;!src/app/legacy::&lt;/code&gt; — exclude&lt;/li&gt;&lt;li&gt;other words match addresses and types&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Pants 스펙과 일반 텍스트를 공백으로 구분해 타깃을 거릅니다:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;code&gt;src/app::&lt;/code&gt; — src/app 아래 전부&lt;/li&gt;&lt;li&gt;&lt;code&gt;src/app:&lt;/code&gt; — src/app에 있는 타깃만&lt;/li&gt;&lt;li&gt;&lt;code&gt;src/app:lib&lt;/code&gt; — 타깃 하나&lt;/li&gt;&lt;li&gt;&lt;code&gt;!src/app/legacy::&lt;/code&gt; — 제외&lt;/li&gt;&lt;li&gt;그 밖의 단어는 주소와 유형에서 찾습니다&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Show only targets of one type</source>
        <translation>한 유형의 타깃만 보기</translation>
    </message>
    <message>
        <source>No workspace</source>
        <translation>워크스페이스 없음</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n target(s)</source>
        <translation>
            <numerusform>타깃 %n개 중 %1개</numerusform>
        </translation>
    </message>
    <message>
        <source>All target types</source>
        <translation>모든 타깃 유형</translation>
    </message>
    <message>
        <source>Open a Pants workspace…</source>
        <translation>Pants 워크스페이스를 여세요…</translation>
    </message>
    <message>
        <source>Trellis reads pants.toml and BUILD files directly and shows the targets, their dependencies and the problems in your monorepo. Drop a folder here or choose one.</source>
        <translation>Trellis는 pants.toml과 BUILD 파일을 직접 읽어 모노레포의 타깃, 의존성, 문제를 보여 줍니다. 폴더를 여기에 끌어다 놓거나 선택하세요.</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>열기…</translation>
    </message>
    <message>
        <source>Open Demo Workspace</source>
        <translation>데모 워크스페이스 열기</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>최근 워크스페이스</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>%1 폴더가 없습니다.</translation>
    </message>
    <message>
        <source>The workspace could not be loaded.</source>
        <translation>워크스페이스를 불러오지 못했습니다.</translation>
    </message>
    <message>
        <source>Trellis: a workspace manager for Pants-style Python monorepos.</source>
        <translation>Trellis: Pants 방식 Python 모노레포를 위한 워크스페이스 관리자.</translation>
    </message>
    <message>
        <source>A folder inside the workspace to open.</source>
        <translation>열 워크스페이스 안의 폴더.</translation>
    </message>
    <message>
        <source>Create the demo workspace (if needed) and open it.</source>
        <translation>데모 워크스페이스를 (필요하면) 만들고 엽니다.</translation>
    </message>
    <message>
        <source>Render the main window to FILE once the workspace has loaded, then exit.</source>
        <translation>워크스페이스를 불러온 뒤 메인 창을 FILE로 저장하고 끝냅니다.</translation>
    </message>
    <message>
        <source>Select the target at ADDRESS after loading.</source>
        <translation>불러온 뒤 ADDRESS의 타깃을 선택합니다.</translation>
    </message>
    <message>
        <source>Put TEXT into the target filter after loading.</source>
        <translation>불러온 뒤 TEXT를 타깃 필터에 넣습니다.</translation>
    </message>
    <message>
        <source>Open FILE (buildroot-relative, optionally :LINE) after loading.</source>
        <translation>불러온 뒤 FILE(빌드 루트 기준, :LINE 선택 가능)을 엽니다.</translation>
    </message>
    <message>
        <source>Show transitive dependencies in Details.</source>
        <translation>상세 정보에 전이적 의존성을 보여 줍니다.</translation>
    </message>
    <message>
        <source>Window size for --screenshot, e.g. 1400x880.</source>
        <translation>--screenshot의 창 크기 (예: 1400x880).</translation>
    </message>
    <message>
        <source>No target at %1</source>
        <translation>%1에 타깃이 없습니다</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1에 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>From address, e.g. src/app:bin</source>
        <translation>시작 주소 (예: src/app:bin)</translation>
    </message>
    <message>
        <source>To address</source>
        <translation>끝 주소</translation>
    </message>
    <message>
        <source>Paths from</source>
        <translation>경로 시작</translation>
    </message>
    <message>
        <source>to</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>Show every target, folded into groups when there are too many</source>
        <translation>모든 타깃을 보여 주며, 너무 많으면 그룹으로 접습니다</translation>
    </message>
    <message>
        <source>Dependencies</source>
        <translation>의존성</translation>
    </message>
    <message>
        <source>Dependents</source>
        <translation>의존 대상</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>양방향</translation>
    </message>
    <message>
        <source>Which neighbours of the focus to show</source>
        <translation>포커스의 어느 이웃을 보여 줄지 고릅니다</translation>
    </message>
    <message>
        <source>Depth </source>
        <translation>깊이 </translation>
    </message>
    <message>
        <source>How many hops away from the focus to show</source>
        <translation>포커스에서 몇 단계 떨어진 곳까지 보여 줄지</translation>
    </message>
    <message>
        <source>Left to right</source>
        <translation>왼쪽에서 오른쪽으로</translation>
    </message>
    <message>
        <source>Top to bottom</source>
        <translation>위에서 아래로</translation>
    </message>
    <message>
        <source>Direction in which dependencies flow</source>
        <translation>의존성이 흐르는 방향</translation>
    </message>
    <message>
        <source>Group by directory</source>
        <translation>디렉터리별로 묶기</translation>
    </message>
    <message>
        <source>Frame targets of the same directory together</source>
        <translation>같은 디렉터리의 타깃을 한 틀로 묶습니다</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>요구 사항</translation>
    </message>
    <message>
        <source>Show third-party requirements and lockfiles</source>
        <translation>서드파티 요구 사항과 잠금 파일 보기</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>리소스</translation>
    </message>
    <message>
        <source>Show resources and files targets</source>
        <translation>resources와 files 타깃 보기</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Show test targets</source>
        <translation>테스트 타깃 보기</translation>
    </message>
    <message>
        <source>Types</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Show or hide target types</source>
        <translation>타깃 유형을 보이거나 숨깁니다</translation>
    </message>
    <message>
        <source>Paths…</source>
        <translation>경로…</translation>
    </message>
    <message>
        <source>Show every dependency path from one target to another</source>
        <translation>한 타깃에서 다른 타깃으로 가는 모든 의존 경로를 보여 줍니다</translation>
    </message>
    <message>
        <source>Search in graph…</source>
        <translation>그래프에서 찾기…</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>맞추기</translation>
    </message>
    <message>
        <source>Fit the whole graph in the window (0)</source>
        <translation>그래프 전체를 창에 맞춥니다 (0)</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 이미지…</translation>
    </message>
    <message>
        <source>SVG drawing…</source>
        <translation>SVG 그림…</translation>
    </message>
    <message>
        <source>Graphviz DOT…</source>
        <translation>Graphviz DOT…</translation>
    </message>
    <message>
        <source>JSON with positions…</source>
        <translation>위치가 담긴 JSON…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paths&lt;/b&gt;</source>
        <translation>&lt;b&gt;경로&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Focus: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>포커스: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Whole workspace&lt;/b&gt;</source>
        <translation>&lt;b&gt;워크스페이스 전체&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Layout failed: %1</source>
        <translation>배치 실패: %1</translation>
    </message>
    <message>
        <source>Open a workspace to see its dependency graph.</source>
        <translation>워크스페이스를 열면 의존성 그래프를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>No dependency path from %1 to %2</source>
        <translation>%1에서 %2로 가는 의존 경로가 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>%n path(s) from %1 to %2</source>
        <translation>
            <numerusform>%1에서 %2로 가는 경로 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 nodes, %2 edges</source>
        <translation>노드 %1개, 간선 %2개</translation>
    </message>
    <message>
        <source>%1, grouped by BUILD target because the selection has %2 targets</source>
        <translation>%1, 선택 범위에 타깃이 %2개라서 BUILD 타깃별로 묶었습니다</translation>
    </message>
    <message>
        <source>%1, grouped by directory because the selection has %2 targets</source>
        <translation>%1, 선택 범위에 타깃이 %2개라서 디렉터리별로 묶었습니다</translation>
    </message>
    <message>
        <source>selection capped at %1 targets</source>
        <translation>선택 범위를 타깃 %1개로 제한했습니다</translation>
    </message>
    <message>
        <source>layout %1 ms</source>
        <translation>배치 %1 ms</translation>
    </message>
    <message>
        <source>laying out…</source>
        <translation>배치하는 중…</translation>
    </message>
    <message>
        <source>Dependencies between groups: hover the arrow for details</source>
        <translation>그룹 사이의 의존성: 자세한 내용은 화살표에 마우스를 올리세요</translation>
    </message>
    <message>
        <source>%1:%2: import %3</source>
        <translation>%1:%2: import %3</translation>
    </message>
    <message>
        <source>explicit in %1:%2</source>
        <translation>%1:%2에 명시</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <source>Unknown address: %1</source>
        <translation>알 수 없는 주소: %1</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 그림 (*.svg)</translation>
    </message>
    <message>
        <source>Graphviz DOT (*.dot *.gv)</source>
        <translation>Graphviz DOT (*.dot *.gv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export Graph</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1에 쓰지 못했습니다.</translation>
    </message>
    <message>
        <source>Dependency graph</source>
        <translation>의존성 그래프</translation>
    </message>
    <message>
        <source>explicit dependency</source>
        <translation>명시적 의존성</translation>
    </message>
    <message>
        <source>inferred from imports</source>
        <translation>import에서 추론</translation>
    </message>
    <message>
        <source>generated target</source>
        <translation>생성된 타깃</translation>
    </message>
    <message>
        <source>requirements file</source>
        <translation>요구 사항 파일</translation>
    </message>
    <message numerus="yes">
        <source>Group of %n target(s)</source>
        <translation>
            <numerusform>타깃 %n개 그룹</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;nbsp;&amp;nbsp;… and %n more</source>
        <translation>
            <numerusform>&amp;nbsp;&amp;nbsp;… 외 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>유형: %1</translation>
    </message>
    <message>
        <source>%1 dependencies, %2 dependents</source>
        <translation>의존성 %1개, 의존 대상 %2개</translation>
    </message>
    <message numerus="yes">
        <source>%n hop(s) from the focus</source>
        <translation>
            <numerusform>포커스에서 %n단계</numerusform>
        </translation>
    </message>
    <message>
        <source>Has neighbours that are not shown</source>
        <translation>보이지 않는 이웃이 있습니다</translation>
    </message>
    <message>
        <source>Part of a dependency cycle</source>
        <translation>의존성 순환의 일부</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>변경됨</translation>
    </message>
    <message>
        <source>Affected by changes</source>
        <translation>변경의 영향을 받음</translation>
    </message>
    <message>
        <source>Tests passed</source>
        <translation>테스트 통과</translation>
    </message>
    <message>
        <source>Tests failed</source>
        <translation>테스트 실패</translation>
    </message>
    <message numerus="yes">
        <source>%n dependencies between the groups; strongest: %1</source>
        <translation>
            <numerusform>그룹 사이의 의존성 %n개. 가장 강한 것: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>%1 경유</translation>
    </message>
    <message>
        <source> (weak)</source>
        <translation> (약함)</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more import(s)</source>
        <translation>
            <numerusform>… 외 import %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>explicit in &lt;tt&gt;%1:%2&lt;/tt&gt;</source>
        <translation>&lt;tt&gt;%1:%2&lt;/tt&gt;에 명시</translation>
    </message>
    <message>
        <source>In a dependency cycle that Pants rejects</source>
        <translation>Pants가 거부하는 의존성 순환에 속함</translation>
    </message>
    <message>
        <source>In a dependency cycle (allowed: through files)</source>
        <translation>의존성 순환에 속함 (파일을 거치므로 허용)</translation>
    </message>
    <message>
        <source>Python source</source>
        <translation>Python 소스</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>요구 사항</translation>
    </message>
    <message>
        <source>Resource / file</source>
        <translation>리소스 / 파일</translation>
    </message>
    <message>
        <source>Explicit (BUILD)</source>
        <translation>명시적 (BUILD)</translation>
    </message>
    <message>
        <source>Inferred (import)</source>
        <translation>추론됨 (import)</translation>
    </message>
    <message>
        <source>Generated / other</source>
        <translation>생성됨 / 기타</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>순환</translation>
    </message>
    <message>
        <source>%1 changed since %2</source>
        <translation>%2 이후 변경된 대상에 %1</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>외 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>A run is already in progress.</source>
        <translation>이미 실행 중인 작업이 있습니다.</translation>
    </message>
    <message>
        <source>Open a workspace (and let dependency inference finish) before running goals.</source>
        <translation>골을 실행하기 전에 워크스페이스를 열고 의존성 추론이 끝나기를 기다리세요.</translation>
    </message>
    <message>
        <source>Nothing is selected to run.</source>
        <translation>실행할 대상이 선택되지 않았습니다.</translation>
    </message>
    <message>
        <source>No test targets were matched.</source>
        <translation>일치하는 테스트 타깃이 없습니다.</translation>
    </message>
    <message>
        <source>No failed targets to run again.</source>
        <translation>다시 실행할 실패한 타깃이 없습니다.</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>Failed only</source>
        <translation>실패만</translation>
    </message>
    <message>
        <source>Filter results</source>
        <translation>결과 필터</translation>
    </message>
    <message>
        <source>Show only targets and tests whose name contains this text</source>
        <translation>이름에 이 텍스트가 포함된 타깃과 테스트만 표시합니다</translation>
    </message>
    <message>
        <source>Show only failed, errored and timed-out results</source>
        <translation>실패, 오류, 시간 초과 결과만 표시합니다</translation>
    </message>
    <message>
        <source>Slowest First</source>
        <translation>느린 순</translation>
    </message>
    <message>
        <source>Sort by duration, slowest first; off restores the run order</source>
        <translation>소요 시간순(느린 것 먼저)으로 정렬합니다. 끄면 실행 순서로 돌아갑니다</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>Frames of the traceback: double-click to open the source, right-click for the external editor</source>
        <translation>트레이스백 프레임: 더블 클릭하면 소스를 열고, 오른쪽 클릭하면 외부 편집기로 엽니다</translation>
    </message>
    <message>
        <source>Select a test to see its message and traceback.</source>
        <translation>테스트를 선택하면 메시지와 트레이스백이 표시됩니다.</translation>
    </message>
    <message>
        <source>Output of the selected target appears here while it runs.</source>
        <translation>선택한 타깃의 출력이 실행 중에 여기에 표시됩니다.</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>골</translation>
    </message>
    <message>
        <source>Specs</source>
        <translation>스펙</translation>
    </message>
    <message>
        <source>Base Ref</source>
        <translation>기준 ref</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>Past runs of this workspace; select two to compare them</source>
        <translation>이 워크스페이스의 지난 실행입니다. 두 개를 선택하면 비교할 수 있습니다</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>실행 열기</translation>
    </message>
    <message>
        <source>Show the selected run in the Results tab</source>
        <translation>선택한 실행을 결과 탭에 표시합니다</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>Show tests newly failing and fixed between the two selected runs</source>
        <translation>선택한 두 실행 사이에 새로 실패하거나 고쳐진 테스트를 표시합니다</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Remove the selected runs from the history</source>
        <translation>선택한 실행을 기록에서 제거합니다</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>대기 %1</translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>실행 중 %1</translation>
    </message>
    <message>
        <source>%1 passed</source>
        <translation>통과 %1</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>실패 %1</translation>
    </message>
    <message>
        <source>%1 cached</source>
        <translation>캐시 %1</translation>
    </message>
    <message>
        <source>%1 cancelled or skipped</source>
        <translation>취소 또는 건너뜀 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n process(es) finished</source>
        <translation>
            <numerusform>프로세스 %n개 중 %1개 완료</numerusform>
        </translation>
    </message>
    <message>
        <source>finished in %1</source>
        <translation>%1 만에 완료</translation>
    </message>
    <message>
        <source>no estimate yet</source>
        <translation>아직 예상 시간 없음</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>약 %1 남음</translation>
    </message>
    <message>
        <source>Estimated from the durations of the same targets in earlier runs</source>
        <translation>같은 타깃의 이전 실행 소요 시간으로 추정합니다</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Open %1 at line %2</source>
        <translation>%1의 %2번째 줄 열기</translation>
    </message>
    <message>
        <source>Open in Source Viewer</source>
        <translation>소스 뷰어에서 열기</translation>
    </message>
    <message>
        <source>%1 (%2 passed, %3 failed)</source>
        <translation>%1 (통과 %2, 실패 %3)</translation>
    </message>
    <message>
        <source>Newly failing (%1)</source>
        <translation>새로 실패 (%1)</translation>
    </message>
    <message>
        <source>Fixed (%1)</source>
        <translation>고쳐짐 (%1)</translation>
    </message>
    <message>
        <source>Still failing (%1)</source>
        <translation>계속 실패 (%1)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1ms</translation>
    </message>
    <message>
        <source>
— attempt %1 —
</source>
        <translation>
— %1번째 시도 —
</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n process(es)</source>
        <translation>
            <numerusform>%1 — 프로세스 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>running (attempt %1)</source>
        <translation>실행 중 (%1번째 시도)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>&amp;Test Selected</source>
        <translation>선택 항목 테스트(&amp;T)</translation>
    </message>
    <message>
        <source>Run the tests of the target or directory selected in the tree or graph</source>
        <translation>트리나 그래프에서 선택한 타깃 또는 디렉터리의 테스트를 실행합니다</translation>
    </message>
    <message>
        <source>Test &amp;Changed</source>
        <translation>변경된 항목 테스트(&amp;C)</translation>
    </message>
    <message>
        <source>Run the tests of targets changed since the base ref, and their dependents</source>
        <translation>기준 ref 이후 변경된 타깃과 그 의존 타깃의 테스트를 실행합니다</translation>
    </message>
    <message>
        <source>&amp;Lint Selected</source>
        <translation>선택 항목 린트(&amp;L)</translation>
    </message>
    <message>
        <source>Run the configured linters on the selection</source>
        <translation>선택 항목에 설정된 린터를 실행합니다</translation>
    </message>
    <message>
        <source>Lint Changed</source>
        <translation>변경된 항목 린트</translation>
    </message>
    <message>
        <source>Run the configured linters on files changed since the base ref</source>
        <translation>기준 ref 이후 변경된 파일에 설정된 린터를 실행합니다</translation>
    </message>
    <message>
        <source>&amp;Format Selected</source>
        <translation>선택 항목 포맷(&amp;F)</translation>
    </message>
    <message>
        <source>Run the configured formatters on the selection, rewriting files</source>
        <translation>선택 항목에 설정된 포매터를 실행해 파일을 다시 씁니다</translation>
    </message>
    <message>
        <source>Format Changed</source>
        <translation>변경된 항목 포맷</translation>
    </message>
    <message>
        <source>Run the configured formatters on files changed since the base ref</source>
        <translation>기준 ref 이후 변경된 파일에 설정된 포매터를 실행합니다</translation>
    </message>
    <message>
        <source>Chec&amp;k Selected</source>
        <translation>선택 항목 타입 검사(&amp;K)</translation>
    </message>
    <message>
        <source>Type-check the selection</source>
        <translation>선택 항목의 타입을 검사합니다</translation>
    </message>
    <message>
        <source>Check Changed</source>
        <translation>변경된 항목 타입 검사</translation>
    </message>
    <message>
        <source>Type-check targets changed since the base ref, and their dependents</source>
        <translation>기준 ref 이후 변경된 타깃과 그 의존 타깃의 타입을 검사합니다</translation>
    </message>
    <message>
        <source>&amp;Re-run Failed</source>
        <translation>실패 항목 다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Run the failed targets of the shown run again</source>
        <translation>표시된 실행에서 실패한 타깃을 다시 실행합니다</translation>
    </message>
    <message>
        <source>Cancel &amp;Run</source>
        <translation>실행 취소(&amp;R)</translation>
    </message>
    <message>
        <source>Stop the running goal and kill its processes</source>
        <translation>실행 중인 골을 멈추고 프로세스를 종료합니다</translation>
    </message>
    <message>
        <source>Base:</source>
        <translation>기준:</translation>
    </message>
    <message>
        <source>Base ref for &quot;changed&quot; runs: a branch, tag or revision such as HEAD~1</source>
        <translation>&quot;변경된 항목&quot; 실행의 기준 ref: 브랜치, 태그 또는 HEAD~1 같은 리비전</translation>
    </message>
    <message>
        <source>Enter a base ref in the toolbar first.</source>
        <translation>먼저 도구 모음에 기준 ref를 입력하세요.</translation>
    </message>
    <message>
        <source>Select a target or a directory in the Targets tree first.</source>
        <translation>먼저 타깃 트리에서 타깃이나 디렉터리를 선택하세요.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>실행 중…</translation>
    </message>
    <message>
        <source>Run cancelled</source>
        <translation>실행이 취소됨</translation>
    </message>
    <message>
        <source>Run finished</source>
        <translation>실행 완료</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed, %3 cached</source>
        <translation>통과 %1, 실패 %2, 캐시 %3</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>통과</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>건너뜀</translation>
    </message>
    <message>
        <source>flaky</source>
        <translation>불안정</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <source>cached</source>
        <translation>캐시됨</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Last test results beneath: %1</source>
        <translation>하위 항목의 마지막 테스트 결과: %1</translation>
    </message>
    <message>
        <source>Last test run: %1</source>
        <translation>마지막 테스트 실행: %1</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>Run the tests of SPEC (repeatable; &quot;changed&quot; = changed since the base ref) after loading.</source>
        <translation>불러온 뒤 SPEC의 테스트를 실행합니다(반복 가능, &quot;changed&quot; = 기준 ref 이후 변경된 항목).</translation>
    </message>
    <message>
        <source>Nothing to run for %1: no matching targets, or no tool for it is configured in pants.toml.</source>
        <translation>%1에 실행할 것이 없습니다: 일치하는 타깃이 없거나 pants.toml에 해당 도구가 설정되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>upgraded</source>
        <translation>업그레이드됨</translation>
    </message>
    <message>
        <source>downgraded</source>
        <translation>다운그레이드됨</translation>
    </message>
    <message>
        <source>added</source>
        <translation>추가됨</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>제거됨</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>변경 없음</translation>
    </message>
    <message>
        <source>Required by: %1</source>
        <translation>필요로 하는 패키지: %1</translation>
    </message>
    <message>
        <source>major</source>
        <translation>메이저</translation>
    </message>
    <message>
        <source>The major version changed: expect incompatible changes</source>
        <translation>메이저 버전이 바뀌었습니다: 호환되지 않는 변경이 있을 수 있습니다</translation>
    </message>
    <message>
        <source>First-party targets that depend on this package, directly or transitively</source>
        <translation>이 패키지에 직접 또는 전이적으로 의존하는 퍼스트파티 타깃</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>From</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>To</source>
        <translation>이후</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>메이저</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>영향</translation>
    </message>
    <message>
        <source>Test These</source>
        <translation>이 타깃 테스트</translation>
    </message>
    <message>
        <source>Revision of the old lockfile: a branch, tag, commit or expression such as HEAD~3</source>
        <translation>이전 잠금 파일의 리비전: 브랜치, 태그, 커밋 또는 HEAD~3 같은 표현식</translation>
    </message>
    <message>
        <source>Revision of the new lockfile, or the working tree</source>
        <translation>새 잠금 파일의 리비전 또는 작업 트리</translation>
    </message>
    <message>
        <source>Filter packages</source>
        <translation>패키지 필터</translation>
    </message>
    <message>
        <source>Diff the lockfile between the two revisions</source>
        <translation>두 리비전 사이의 잠금 파일 차이를 계산합니다</translation>
    </message>
    <message>
        <source>Lockfile:</source>
        <translation>잠금 파일:</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>대상:</translation>
    </message>
    <message>
        <source>Run the tests of every target this change reaches</source>
        <translation>이 변경이 영향을 주는 모든 타깃의 테스트를 실행합니다</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>변경 사항</translation>
    </message>
    <message>
        <source>Raw Diff</source>
        <translation>원본 차이</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Working tree</source>
        <translation>작업 트리</translation>
    </message>
    <message>
        <source>No lockfiles: set [python].enable_resolves and [python].resolves in pants.toml.</source>
        <translation>잠금 파일이 없습니다: pants.toml에서 [python].enable_resolves와 [python].resolves를 설정하세요.</translation>
    </message>
    <message>
        <source>Enter a base revision.</source>
        <translation>기준 리비전을 입력하세요.</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>비교하는 중…</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>비교할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>No package changed.</source>
        <translation>변경된 패키지가 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n package(s) changed</source>
        <translation>
            <numerusform>패키지 %n개 변경됨</numerusform>
        </translation>
    </message>
    <message>
        <source>Reach is unknown: the dependency graph is not loaded.</source>
        <translation>영향 범위를 알 수 없습니다: 의존성 그래프가 로드되지 않았습니다.</translation>
    </message>
    <message>
        <source>Select a package to see the targets its change reaches.</source>
        <translation>패키지를 선택하면 그 변경이 영향을 주는 타깃을 볼 수 있습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%1 reaches %n target(s)</source>
        <translation>
            <numerusform>%1의 영향을 받는 타깃 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Requirement targets</source>
        <translation>요구 사항 타깃</translation>
    </message>
    <message>
        <source>Direct dependents</source>
        <translation>직접 의존하는 타깃</translation>
    </message>
    <message>
        <source>Direct and transitive dependents</source>
        <translation>직접 및 전이적으로 의존하는 타깃</translation>
    </message>
    <message>
        <source>Lockfiles</source>
        <translation>잠금 파일</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Worktree is clean</source>
        <translation>작업 트리가 깨끗함</translation>
    </message>
    <message>
        <source>On a release branch</source>
        <translation>릴리스 브랜치에 있음</translation>
    </message>
    <message>
        <source>Version is new and valid</source>
        <translation>버전이 새롭고 유효함</translation>
    </message>
    <message>
        <source>News fragments present and valid</source>
        <translation>뉴스 조각이 있고 유효함</translation>
    </message>
    <message>
        <source>Last test run of changed targets passed</source>
        <translation>변경된 타깃의 마지막 테스트 실행이 통과함</translation>
    </message>
    <message>
        <source>Lockfiles unchanged since the last release or reviewed</source>
        <translation>지난 릴리스 이후 잠금 파일이 변경되지 않았거나 검토됨</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Prepare Release…</source>
        <translation>릴리스 준비(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Undo Last Prepared Release</source>
        <translation>마지막으로 준비한 릴리스 되돌리기(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;New Fragment…</source>
        <translation>새 조각(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>열기(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>삭제(&amp;D)…</translation>
    </message>
    <message>
        <source>Choose the version, review the plan, then write VERSION and the changelog, delete the fragments, commit and tag.</source>
        <translation>버전을 고르고 계획을 검토한 뒤 VERSION과 변경 기록을 쓰고, 조각을 삭제하고, 커밋하고 태그를 만듭니다.</translation>
    </message>
    <message>
        <source>Delete the release tag at HEAD and reset the branch to the commit before it (only while not pushed).</source>
        <translation>HEAD의 릴리스 태그를 삭제하고 브랜치를 그 이전 커밋으로 되돌립니다(푸시하기 전에만).</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>점검</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>세부 정보</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>해결</translation>
    </message>
    <message>
        <source>Readiness Checklist</source>
        <translation>준비 상태 점검 목록</translation>
    </message>
    <message>
        <source>Fragment</source>
        <translation>조각</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>News Fragments</source>
        <translation>뉴스 조각</translation>
    </message>
    <message>
        <source>Rendered</source>
        <translation>렌더링</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>원본</translation>
    </message>
    <message>
        <source>Changelog Preview</source>
        <translation>변경 기록 미리 보기</translation>
    </message>
    <message>
        <source>Computing the release status…</source>
        <translation>릴리스 상태를 계산하는 중…</translation>
    </message>
    <message>
        <source>No release status</source>
        <translation>릴리스 상태 없음</translation>
    </message>
    <message>
        <source>Open a workspace to see its release status.</source>
        <translation>워크스페이스를 열면 릴리스 상태를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>버전 %1</translation>
    </message>
    <message>
        <source>%1 is missing or invalid</source>
        <translation>%1이(가) 없거나 올바르지 않습니다</translation>
    </message>
    <message>
        <source>Scheme: %1</source>
        <translation>체계: %1</translation>
    </message>
    <message>
        <source>Not a git repository</source>
        <translation>git 저장소가 아님</translation>
    </message>
    <message>
        <source>Last release: %1, commits since: %2</source>
        <translation>마지막 릴리스: %1, 이후 커밋: %2</translation>
    </message>
    <message>
        <source>No release tag yet</source>
        <translation>아직 릴리스 태그 없음</translation>
    </message>
    <message>
        <source>Detached HEAD</source>
        <translation>분리된 HEAD</translation>
    </message>
    <message>
        <source>Branch: %1</source>
        <translation>브랜치: %1</translation>
    </message>
    <message>
        <source>Worktree clean</source>
        <translation>작업 트리 깨끗함</translation>
    </message>
    <message>
        <source>Uncommitted changes: %1</source>
        <translation>커밋되지 않은 변경: %1</translation>
    </message>
    <message>
        <source>Distributions: %1</source>
        <translation>배포판: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>참고: %1</translation>
    </message>
    <message>
        <source>Hint: %1</source>
        <translation>힌트: %1</translation>
    </message>
    <message>
        <source>Run Tests of Changed Targets</source>
        <translation>변경된 타깃의 테스트 실행</translation>
    </message>
    <message>
        <source>Mark Lockfiles Reviewed</source>
        <translation>잠금 파일을 검토함으로 표시</translation>
    </message>
    <message>
        <source>Choose a Version…</source>
        <translation>버전 선택…</translation>
    </message>
    <message>
        <source>New Fragment…</source>
        <translation>새 조각…</translation>
    </message>
    <message>
        <source>Fragments named ISSUE.%1.md</source>
        <translation>ISSUE.%1.md 이름의 조각</translation>
    </message>
    <message>
        <source>Draft of %1 for %2, as towncrier would insert it:</source>
        <translation>towncrier가 삽입할 %2용 %1 초안:</translation>
    </message>
    <message>
        <source>the next version</source>
        <translation>다음 버전</translation>
    </message>
    <message>
        <source>Delete Fragment</source>
        <translation>조각 삭제</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1을(를) 삭제할까요?</translation>
    </message>
    <message>
        <source>Cannot delete %1.</source>
        <translation>%1을(를) 삭제할 수 없습니다.</translation>
    </message>
    <message>
        <source>Undo Release</source>
        <translation>릴리스 되돌리기</translation>
    </message>
    <message>
        <source>Delete the tag and reset the branch to the commit before the release?</source>
        <translation>태그를 삭제하고 브랜치를 릴리스 이전 커밋으로 되돌릴까요?</translation>
    </message>
    <message>
        <source>Undoing the last prepared release…</source>
        <translation>마지막으로 준비한 릴리스를 되돌리는 중…</translation>
    </message>
    <message>
        <source>Undone: deleted tag %1, reset %2 from %3 to %4; files restored.</source>
        <translation>되돌림: 태그 %1을(를) 삭제하고 %2을(를) %3에서 %4(으)로 되돌렸으며 파일을 복원했습니다.</translation>
    </message>
    <message>
        <source>Undo refused:
%1</source>
        <translation>되돌리기를 거부했습니다:
%1</translation>
    </message>
    <message>
        <source>&amp;Other version:</source>
        <translation>다른 버전(&amp;O):</translation>
    </message>
    <message>
        <source>Choose the Version</source>
        <translation>버전 선택</translation>
    </message>
    <message>
        <source>The last release is %1 (tag %2).</source>
        <translation>마지막 릴리스는 %1입니다(태그 %2).</translation>
    </message>
    <message>
        <source>There is no release tag yet.</source>
        <translation>아직 릴리스 태그가 없습니다.</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>예: %1</translation>
    </message>
    <message>
        <source>Choose a suggestion or type a version.</source>
        <translation>제안 중 하나를 고르거나 버전을 입력하세요.</translation>
    </message>
    <message>
        <source>%1 is a valid %2 version.</source>
        <translation>%1은(는) 올바른 %2 버전입니다.</translation>
    </message>
    <message>
        <source>&amp;Commit the release (&quot;release: X&quot;)</source>
        <translation>릴리스 커밋(&amp;C) (&quot;release: X&quot;)</translation>
    </message>
    <message>
        <source>Create an annotated &amp;tag</source>
        <translation>주석 태그 만들기(&amp;T)</translation>
    </message>
    <message>
        <source>Proceed with &amp;uncommitted changes</source>
        <translation>커밋되지 않은 변경이 있어도 진행(&amp;U)</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>옵션</translation>
    </message>
    <message>
        <source>Without a commit the changes are written and staged only.</source>
        <translation>커밋하지 않으면 변경 사항은 쓰고 스테이징만 합니다.</translation>
    </message>
    <message>
        <source>Review the Plan</source>
        <translation>계획 검토</translation>
    </message>
    <message>
        <source>Nothing has been written yet.</source>
        <translation>아직 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>&amp;Prepare Release</source>
        <translation>릴리스 준비(&amp;P)</translation>
    </message>
    <message>
        <source>Fragments to delete:</source>
        <translation>삭제할 조각:</translation>
    </message>
    <message>
        <source>Computing the plan…</source>
        <translation>계획을 계산하는 중…</translation>
    </message>
    <message>
        <source>Version: %1 → %2</source>
        <translation>버전: %1 → %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>Changelog: %1, section dated %2</source>
        <translation>변경 기록: %1, 섹션 날짜 %2</translation>
    </message>
    <message>
        <source>Commit on %1: %2</source>
        <translation>%1에 커밋: %2</translation>
    </message>
    <message>
        <source>No commit: the changes are staged only.</source>
        <translation>커밋 없음: 변경 사항은 스테이징만 됩니다.</translation>
    </message>
    <message>
        <source>No tag.</source>
        <translation>태그 없음.</translation>
    </message>
    <message>
        <source>Annotated tag %1: %2</source>
        <translation>주석 태그 %1: %2</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>경고: %1</translation>
    </message>
    <message>
        <source>Preparing the release…</source>
        <translation>릴리스를 준비하는 중…</translation>
    </message>
    <message>
        <source>Release %1 prepared.</source>
        <translation>릴리스 %1을(를) 준비했습니다.</translation>
    </message>
    <message>
        <source>Release %1 prepared. Push it with: git push --follow-tags</source>
        <translation>릴리스 %1을(를) 준비했습니다. 다음으로 푸시하세요: git push --follow-tags</translation>
    </message>
    <message>
        <source>Preparing %1 failed; the previous state was restored.</source>
        <translation>%1 준비에 실패했습니다. 이전 상태로 복원했습니다.</translation>
    </message>
    <message>
        <source>Prepare Release</source>
        <translation>릴리스 준비</translation>
    </message>
    <message>
        <source>New News Fragment</source>
        <translation>새 뉴스 조각</translation>
    </message>
    <message>
        <source>Issue number, e.g. 123</source>
        <translation>이슈 번호, 예: 123</translation>
    </message>
    <message>
        <source>What changed, written for the users of the release.</source>
        <translation>무엇이 바뀌었는지 릴리스 사용자를 위해 적으세요.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>만들기</translation>
    </message>
    <message>
        <source>&amp;Issue:</source>
        <translation>이슈(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>유형(&amp;T):</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>텍스트(&amp;X):</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>파일:</translation>
    </message>
    <message>
        <source>Enter the issue number.</source>
        <translation>이슈 번호를 입력하세요.</translation>
    </message>
    <message>
        <source>The towncrier configuration has no fragment types.</source>
        <translation>towncrier 설정에 조각 유형이 없습니다.</translation>
    </message>
    <message>
        <source>The issue cannot contain path separators or start with a dot.</source>
        <translation>이슈에는 경로 구분자를 넣거나 점으로 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>towncrier would not read %1 as a fragment of this issue and type.</source>
        <translation>towncrier는 %1을(를) 이 이슈와 유형의 조각으로 읽지 않습니다.</translation>
    </message>
    <message>
        <source>Enter the text of the entry.</source>
        <translation>항목의 텍스트를 입력하세요.</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1이(가) 이미 있습니다.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>릴리스</translation>
    </message>
    <message numerus="yes">
        <source>%Ln BUILD file(s) failed</source>
        <translation>
            <numerusform>BUILD 파일 %Ln개 실패</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>오류 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln other error(s)</source>
        <translation>
            <numerusform>기타 오류 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln target(s) shown</source>
        <translation>
            <numerusform>타깃 %Ln개 표시</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source> — caused 1 more problem</source>
        <translation> — 문제 1개를 더 일으킴</translation>
    </message>
    <message>
        <source> — caused %L1 more problems</source>
        <translation> — 문제 %L1개를 더 일으킴</translation>
    </message>
    <message>
        <source>Caused %L1 more, for example:</source>
        <translation>문제 %L1개를 더 일으켰습니다. 예:</translation>
    </message>
    <message>
        <source>Open File at Line</source>
        <translation>해당 줄에서 파일 열기</translation>
    </message>
    <message>
        <source>Copy Message</source>
        <translation>메시지 복사</translation>
    </message>
    <message>
        <source>Copy Location</source>
        <translation>위치 복사</translation>
    </message>
    <message>
        <source>Select a problem to see its full text.</source>
        <translation>문제를 선택하면 전체 내용이 표시됩니다.</translation>
    </message>
    <message>
        <source>Filter problems: text in message or location</source>
        <translation>문제 필터: 메시지나 위치의 텍스트</translation>
    </message>
    <message>
        <source>This problem caused %L1 more (expand the row to see them).</source>
        <translation>이 문제가 문제 %L1개를 더 일으켰습니다(행을 펼쳐서 확인하세요).</translation>
    </message>
    <message>
        <source>Some BUILD files could not be loaded; their targets are missing. Click to see the problems.</source>
        <translation>일부 BUILD 파일을 불러오지 못해 해당 타깃이 없습니다. 클릭하면 문제를 봅니다.</translation>
    </message>
    <message>
        <source> — also in 1 more place</source>
        <translation> — 다른 1곳에도 있음</translation>
    </message>
    <message>
        <source> — also in %L1 more places</source>
        <translation> — 다른 %L1곳에도 있음</translation>
    </message>
    <message>
        <source>Also in %L1 more places, for example:</source>
        <translation>다른 %L1곳에도 있습니다. 예:</translation>
    </message>
    <message>
        <source>The same problem is in %L1 more places (expand the row to see them).</source>
        <translation>같은 문제가 다른 %L1곳에도 있습니다(행을 펼쳐서 확인하세요).</translation>
    </message>
    <message>
        <source>Language and theme changes take effect after Trellis is restarted (the source viewer follows the theme at once).</source>
        <translation>언어와 테마 변경은 Trellis를 다시 시작한 후에 적용됩니다(소스 보기는 테마를 바로 따릅니다).</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>모두 보기</translation>
    </message>
    <message>
        <source>Collapse groups</source>
        <translation>그룹 접기</translation>
    </message>
    <message>
        <source>Fold the groups you expanded back into single boxes</source>
        <translation>펼친 그룹을 다시 하나의 상자로 접습니다</translation>
    </message>
    <message numerus="yes">
        <source>Expanded %1: %n target(s)</source>
        <translation>
            <numerusform>%1 펼침: 타깃 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>그래프</translation>
    </message>
    <message>
        <source>No external editor is configured.</source>
        <translation>외부 편집기가 설정되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>Choose the editor command in Settings (for example &quot;code -g {file}:{line}&quot;), or open %1 with the desktop&apos;s default application.</source>
        <translation>설정에서 편집기 명령을 고르거나(예: &quot;code -g {file}:{line}&quot;), 데스크톱 기본 프로그램으로 %1을(를) 여세요.</translation>
    </message>
    <message>
        <source>Choose Editor…</source>
        <translation>편집기 선택…</translation>
    </message>
    <message>
        <source>Open with Default Application</source>
        <translation>기본 프로그램으로 열기</translation>
    </message>
    <message>
        <source>Always use the default application</source>
        <translation>항상 기본 프로그램 사용</translation>
    </message>
    <message>
        <source>No application is set up to open %1. Choose an editor command in Settings.</source>
        <translation>%1을(를) 열 프로그램이 설정되어 있지 않습니다. 설정에서 편집기 명령을 고르세요.</translation>
    </message>
    <message>
        <source>Restart Trellis to apply the new language or theme.</source>
        <translation>새 언어나 테마를 적용하려면 Trellis를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Not a Pants workspace (no pants.toml)</source>
        <translation>Pants 워크스페이스가 아님(pants.toml 없음)</translation>
    </message>
    <message>
        <source>%1 has no pants.toml, so Trellis shows no targets. Open the folder that contains pants.toml.</source>
        <translation>%1에 pants.toml이 없어서 Trellis가 보여 줄 타깃이 없습니다. pants.toml이 있는 폴더를 여세요.</translation>
    </message>
    <message>
        <source>The run was not started.</source>
        <translation>실행을 시작하지 않았습니다.</translation>
    </message>
    <message>
        <source>The run was cancelled before it started.</source>
        <translation>실행이 시작되기 전에 취소되었습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Start %n test processes?</source>
        <translation>
            <numerusform>테스트 프로세스 %n개를 시작할까요?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This run starts %n test processes on %1 cores.</source>
        <translation>
            <numerusform>이번 실행은 코어 %1개에서 테스트 프로세스 %n개를 시작합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Previous runs suggest it takes about %1 minutes.</source>
        <translation>이전 실행으로 보아 약 %1분 걸릴 것입니다.</translation>
    </message>
    <message>
        <source>There is no history to estimate how long it takes.</source>
        <translation>걸리는 시간을 추정할 실행 기록이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>&quot;Run %n First&quot; runs the tests that failed last time first, then those of the changed targets.</source>
        <translation>
            <numerusform>&quot;먼저 %n개 실행&quot;은 지난번에 실패한 테스트를 먼저 실행한 다음 변경된 타깃의 테스트를 실행합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Run All</source>
        <translation>모두 실행</translation>
    </message>
    <message numerus="yes">
        <source>Run %n First</source>
        <translation>
            <numerusform>먼저 %n개 실행</numerusform>
        </translation>
    </message>
    <message>
        <source>The repository &lt;b&gt;%1&lt;/b&gt; configures a remote cache.</source>
        <translation>저장소 &lt;b&gt;%1&lt;/b&gt;에 원격 캐시가 설정되어 있습니다.</translation>
    </message>
    <message>
        <source>The repository &lt;b&gt;%1&lt;/b&gt; wants Trellis to send test and lint results to &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>저장소 &lt;b&gt;%1&lt;/b&gt;은(는) Trellis가 테스트와 린트 결과를 &lt;b&gt;%2&lt;/b&gt;(으)로 보내기를 요청합니다.</translation>
    </message>
    <message>
        <source>Its settings changed since you trusted it.</source>
        <translation>신뢰한 뒤로 설정이 바뀌었습니다.</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>설정: %1</translation>
    </message>
    <message>
        <source>Trust it only if you know this server: the settings may name environment variables (such as tokens) that Trellis would send to it. Until you trust it, Trellis uses only your own settings.</source>
        <translation>이 서버를 알고 있을 때만 신뢰하세요. 설정에 Trellis가 서버로 보낼 환경 변수(토큰 등)가 들어 있을 수 있습니다. 신뢰하기 전까지 Trellis는 사용자 자신의 설정만 사용합니다.</translation>
    </message>
    <message>
        <source>Trust this repository&apos;s remote cache?</source>
        <translation>이 저장소의 원격 캐시를 신뢰할까요?</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>신뢰</translation>
    </message>
    <message>
        <source>Don&apos;t Trust</source>
        <translation>신뢰하지 않음</translation>
    </message>
    <message>
        <source>To build the Python environment &lt;b&gt;%1&lt;/b&gt;, Trellis would download files from:</source>
        <translation>Python 환경 &lt;b&gt;%1&lt;/b&gt;을(를) 만들기 위해 Trellis가 다음 호스트에서 파일을 내려받습니다:</translation>
    </message>
    <message>
        <source>The repository&apos;s lockfile and configuration name these hosts. Trellis sends them no credentials and checks every file against the sha256 the repository records before using it.</source>
        <translation>이 호스트들은 저장소의 lockfile과 설정에 적혀 있습니다. Trellis는 이 호스트에 자격 증명을 보내지 않으며, 모든 파일을 사용하기 전에 저장소에 기록된 sha256과 대조합니다.</translation>
    </message>
    <message>
        <source>Download from these hosts?</source>
        <translation>이 호스트에서 내려받을까요?</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>내려받기</translation>
    </message>
    <message>
        <source>Don&apos;t Download</source>
        <translation>내려받지 않음</translation>
    </message>
    <message>
        <source>Show Target</source>
        <translation>타깃 보기</translation>
    </message>
    <message>
        <source>No pants.toml in %1: this folder is not a Pants workspace, so it has no targets.</source>
        <translation>%1에 pants.toml이 없습니다. 이 폴더는 Pants 워크스페이스가 아니므로 타깃이 없습니다.</translation>
    </message>
    <message>
        <source>With --view graph: the target at the centre of the graph.</source>
        <translation>--view graph와 함께: 그래프 가운데에 놓을 타깃.</translation>
    </message>
    <message>
        <source>With --view graph: hops shown around the focus (1-5).</source>
        <translation>--view graph와 함께: 초점 주위에 보여 줄 홉 수(1-5).</translation>
    </message>
    <message>
        <source>double-click to show more</source>
        <translation>두 번 클릭하면 더 보여 줍니다</translation>
    </message>
    <message>
        <source>%1 targets · %2 files</source>
        <translation>타깃 %1개 · 파일 %2개</translation>
    </message>
    <message>
        <source>1 target · %1 files</source>
        <translation>타깃 1개 · 파일 %1개</translation>
    </message>
    <message>
        <source>Package &lt;tt&gt;%1&lt;/tt&gt; in source root &lt;tt&gt;%2&lt;/tt&gt;</source>
        <translation>소스 루트 &lt;tt&gt;%2&lt;/tt&gt;의 패키지 &lt;tt&gt;%1&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Stands for %1 components; double-click to show the largest</source>
        <translation>구성 요소 %1개를 대표합니다. 두 번 클릭하면 가장 큰 것을 보여 줍니다</translation>
    </message>
    <message>
        <source>%1 targets, %2 files, %3 edges inside</source>
        <translation>타깃 %1개, 파일 %2개, 내부 간선 %3개</translation>
    </message>
    <message numerus="yes">
        <source>%1 of the focus, %n hop(s) away</source>
        <translation>
            <numerusform>초점의 %1, %n홉 거리</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click to open it in place</source>
        <translation>두 번 클릭하면 그 자리에서 펼칩니다</translation>
    </message>
    <message>
        <source>%1 imports over %2 target dependencies</source>
        <translation>타깃 의존성 %2개에 걸친 import %1개</translation>
    </message>
    <message numerus="yes">
        <source>%n dependency(ies) break a visibility rule</source>
        <translation>
            <numerusform>의존성 %n개가 가시성 규칙을 어깁니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Part of a cycle between packages</source>
        <translation>패키지 사이 순환의 일부</translation>
    </message>
    <message>
        <source>Click for the import lines</source>
        <translation>클릭하면 import 줄을 보여 줍니다</translation>
    </message>
    <message>
        <source>Files / targets</source>
        <translation>파일 / 타깃</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Distributions</source>
        <translation>배포판</translation>
    </message>
    <message>
        <source>Level of detail: single targets, Python packages, or python_distributions</source>
        <translation>상세 수준: 개별 타깃, Python 패키지, python_distribution</translation>
    </message>
    <message>
        <source>Package depth </source>
        <translation>패키지 깊이 </translation>
    </message>
    <message>
        <source>How many dotted parts of the module path make a package</source>
        <translation>모듈 경로에서 점으로 나뉜 몇 부분을 패키지로 볼지</translation>
    </message>
    <message>
        <source>indexing packages…</source>
        <translation>패키지 색인 중…</translation>
    </message>
    <message>
        <source>%1 nodes, %2 edges, %3 targets</source>
        <translation>노드 %1개, 간선 %2개, 타깃 %3개</translation>
    </message>
    <message numerus="yes">
        <source>%n cycle(s)</source>
        <translation>
            <numerusform>순환 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edge(s) break visibility rules</source>
        <translation>
            <numerusform>간선 %n개가 가시성 규칙을 어깁니다</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be opened further</source>
        <translation>%1은(는) 더 펼칠 수 없습니다</translation>
    </message>
    <message>
        <source>Whole workspace</source>
        <translation>워크스페이스 전체</translation>
    </message>
    <message>
        <source>Opened: %1</source>
        <translation>펼침: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n break(s) a visibility rule</source>
        <translation>
            <numerusform>%n개가 가시성 규칙을 어깁니다</numerusform>
        </translation>
    </message>
    <message>
        <source>in a cycle</source>
        <translation>순환 안에 있음</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 외 %1개</translation>
    </message>
    <message>
        <source>Package: targets · files</source>
        <translation>패키지: 타깃 · 파일</translation>
    </message>
    <message>
        <source>Imports (width = count)</source>
        <translation>import (굵기 = 개수)</translation>
    </message>
    <message>
        <source>Breaks a visibility rule</source>
        <translation>가시성 규칙 위반</translation>
    </message>
    <message>
        <source>Cycle between packages</source>
        <translation>패키지 사이 순환</translation>
    </message>
    <message>
        <source>With --view graph: level of detail, targets, packages[:DEPTH] or distributions.</source>
        <translation>--view graph와 함께: 상세 수준. targets, packages[:DEPTH], distributions 중 하나.</translation>
    </message>
    <message>
        <source>With --view graph: open the component ID in place (repeatable, in order).</source>
        <translation>--view graph와 함께: 구성 요소 ID를 그 자리에서 펼칩니다(여러 번, 순서대로).</translation>
    </message>
    <message>
        <source>With --view graph: show the provenance of the first cycle, violation or heaviest edge.</source>
        <translation>--view graph와 함께: 첫 순환, 위반 또는 가장 무거운 간선의 근거를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Unknown graph mode %1</source>
        <translation>알 수 없는 그래프 모드 %1</translation>
    </message>
    <message>
        <source>Cannot open %1 in the graph</source>
        <translation>그래프에서 %1을(를) 펼칠 수 없습니다</translation>
    </message>
    <message>
        <source>No %1 edge in the graph</source>
        <translation>그래프에 %1 간선이 없습니다</translation>
    </message>
    <message>
        <source>not a git repository</source>
        <translation>git 저장소가 아님</translation>
    </message>
    <message>
        <source>no uncommitted changes</source>
        <translation>커밋하지 않은 변경 없음</translation>
    </message>
    <message>
        <source>HEAD is detached</source>
        <translation>HEAD가 분리되어 있음</translation>
    </message>
    <message>
        <source>no test run recorded</source>
        <translation>기록된 테스트 실행 없음</translation>
    </message>
    <message>
        <source>no workspace loaded</source>
        <translation>불러온 워크스페이스 없음</translation>
    </message>
    <message>
        <source>no release tag to compare with</source>
        <translation>비교할 릴리스 태그 없음</translation>
    </message>
    <message>
        <source>cannot read lockfiles from git</source>
        <translation>git에서 잠금 파일을 읽을 수 없음</translation>
    </message>
    <message>
        <source>on &apos;%1&apos;</source>
        <translation>&apos;%1&apos; 브랜치</translation>
    </message>
    <message numerus="yes">
        <source>%n fragment(s)</source>
        <translation>
            <numerusform>조각 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lockfile(s) unchanged since %1</source>
        <translation>
            <numerusform>%1 이후 잠금 파일 %n개 변경 없음</numerusform>
        </translation>
    </message>
    <message>
        <source>changed since %1 (reviewed): %2</source>
        <translation>%1 이후 변경됨(검토함): %2</translation>
    </message>
    <message>
        <source>changed since %1: %2</source>
        <translation>%1 이후 변경됨: %2</translation>
    </message>
    <message>
        <source>VERSION %1 is already released as tag %2; no new version chosen yet</source>
        <translation>VERSION %1은(는) 이미 태그 %2(으)로 릴리스되었습니다. 아직 새 버전을 고르지 않았습니다</translation>
    </message>
    <message>
        <source>VERSION %1 is older than the last release %2</source>
        <translation>VERSION %1이(가) 마지막 릴리스 %2보다 오래되었습니다</translation>
    </message>
    <message>
        <source>%1 is newer than %2</source>
        <translation>%1은(는) %2보다 새 버전입니다</translation>
    </message>
    <message>
        <source>view %1 ms, layout %2 ms, on screen after %3 ms</source>
        <translation>보기 %1 ms, 배치 %2 ms, 화면 표시까지 %3 ms</translation>
    </message>
    <message>
        <source>index %1 ms</source>
        <translation>인덱스 %1 ms</translation>
    </message>
    <message>
        <source>Lightweight tag %1, like the repository&apos;s tags.</source>
        <translation>경량 태그 %1 (저장소의 기존 태그와 같은 방식).</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>커밋됨</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>수정됨</translation>
    </message>
    <message>
        <source>untracked</source>
        <translation>추적 안 됨</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>Changed files (%1)</source>
        <translation>변경된 파일 (%1)</translation>
    </message>
    <message>
        <source>Owners (%1)</source>
        <translation>소유자 (%1)</translation>
    </message>
    <message>
        <source>Affected dependents (%1)</source>
        <translation>영향받는 의존 대상 (%1)</translation>
    </message>
    <message>
        <source>no owner</source>
        <translation>소유자 없음</translation>
    </message>
    <message numerus="yes">
        <source>%n owner(s)</source>
        <translation>
            <numerusform>소유자 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hop(s) from %1</source>
        <translation>
            <numerusform>%1에서 %n단계</numerusform>
        </translation>
    </message>
    <message>
        <source>File or target</source>
        <translation>파일 또는 타깃</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Owner or cause</source>
        <translation>소유자 또는 원인</translation>
    </message>
    <message>
        <source>Base ref: files changed since its merge base with HEAD, plus uncommitted and untracked files</source>
        <translation>기준 ref: HEAD와의 병합 기준점 이후 변경된 파일과 커밋되지 않은 파일, 추적되지 않는 파일</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>직접</translation>
    </message>
    <message>
        <source>Transitive</source>
        <translation>전이적</translation>
    </message>
    <message>
        <source>Which dependents of the changed targets are affected too ([changed].dependents)</source>
        <translation>변경된 타깃의 어떤 의존 대상까지 영향받는지 ([changed].dependents)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Compute the changes again</source>
        <translation>변경 사항을 다시 계산합니다</translation>
    </message>
    <message>
        <source>&amp;Base:</source>
        <translation>기준(&amp;B):</translation>
    </message>
    <message>
        <source>&amp;Dependents:</source>
        <translation>의존 대상(&amp;D):</translation>
    </message>
    <message>
        <source>Filter files and targets</source>
        <translation>파일과 타깃 필터</translation>
    </message>
    <message>
        <source>Run the tests of every affected test target</source>
        <translation>영향받는 모든 테스트 타깃의 테스트를 실행합니다</translation>
    </message>
    <message>
        <source>Computing the changes…</source>
        <translation>변경 사항 계산 중…</translation>
    </message>
    <message>
        <source>Computing the changes since %1…</source>
        <translation>%1 이후 변경 사항 계산 중…</translation>
    </message>
    <message>
        <source>the dependency graph is not loaded</source>
        <translation>의존성 그래프가 로드되지 않았습니다</translation>
    </message>
    <message>
        <source>Cannot compute the changes since %1: %2</source>
        <translation>%1 이후 변경 사항을 계산할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 (merge base %2)</source>
        <translation>%1 (병합 기준점 %2)</translation>
    </message>
    <message>
        <source>Nothing changed since %1.</source>
        <translation>%1 이후 변경된 것이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Since %1: %n changed file(s)</source>
        <translation>
            <numerusform>%1 이후: 변경된 파일 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n affected target(s)</source>
        <translation>
            <numerusform>영향받는 타깃 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test target(s) will be tested</source>
        <translation>
            <numerusform>테스트 타깃 %n개를 테스트합니다</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is a source of %2</source>
        <translation>%1은(는) %2의 소스입니다</translation>
    </message>
    <message>
        <source>%1 matched the sources of %2</source>
        <translation>%1이(가) %2의 sources와 일치했습니다</translation>
    </message>
    <message>
        <source>%1 changes a requirement of %2</source>
        <translation>%1이(가) %2의 요구 사항을 바꿉니다</translation>
    </message>
    <message>
        <source>%1 declares %2 at %3</source>
        <translation>%1이(가) %3에서 %2을(를) 선언합니다</translation>
    </message>
    <message>
        <source>%1 configures every target, %2 included</source>
        <translation>%1은(는) %2을(를) 포함한 모든 타깃을 설정합니다</translation>
    </message>
    <message>
        <source>%1 imports %2 at %3</source>
        <translation>%1이(가) %3에서 %2을(를) import합니다</translation>
    </message>
    <message>
        <source>%1 depends on %2 at %3</source>
        <translation>%1이(가) %3에서 %2에 의존합니다</translation>
    </message>
    <message>
        <source>%1 generates %2 at %3</source>
        <translation>%1이(가) %3에서 %2을(를) 생성합니다</translation>
    </message>
    <message>
        <source>%1 uses %2, its conftest.py</source>
        <translation>%1은(는) conftest.py인 %2을(를) 사용합니다</translation>
    </message>
    <message>
        <source>%1 uses %2, an ancestor __init__.py</source>
        <translation>%1은(는) 상위 __init__.py인 %2을(를) 사용합니다</translation>
    </message>
    <message>
        <source>%1 has its entry point in %2 at %3</source>
        <translation>%1의 엔트리 포인트가 %3의 %2에 있습니다</translation>
    </message>
    <message>
        <source>%1 is pinned by %2 at %3</source>
        <translation>%1은(는) %3의 %2에 고정되어 있습니다</translation>
    </message>
    <message>
        <source>Select a file or a target to see why it is affected.</source>
        <translation>파일이나 타깃을 선택하면 영향받는 이유를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No target owns this file.</source>
        <translation>이 파일을 소유한 타깃이 없습니다.</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>소유자</translation>
    </message>
    <message>
        <source>Why %1 changed</source>
        <translation>%1이(가) 변경된 이유</translation>
    </message>
    <message numerus="yes">
        <source>Why %1 is affected (%n hop(s) from a change)</source>
        <translation>
            <numerusform>%1이(가) 영향받는 이유 (변경에서 %n단계)</numerusform>
        </translation>
    </message>
    <message>
        <source>Bring a panel to the front after loading: run, graph, release, problems or changed.</source>
        <translation>불러온 뒤 패널을 앞으로 가져옵니다: run, graph, release, problems 또는 changed.</translation>
    </message>
    <message>
        <source>With --view changed: the base ref.</source>
        <translation>--view changed와 함께: 기준 ref.</translation>
    </message>
    <message>
        <source>With --view changed: none, direct or transitive.</source>
        <translation>--view changed와 함께: none, direct 또는 transitive.</translation>
    </message>
    <message>
        <source>Unknown dependents mode %1</source>
        <translation>알 수 없는 의존 대상 모드 %1</translation>
    </message>
    <message>
        <source>%1 is not affected</source>
        <translation>%1은(는) 영향받지 않습니다</translation>
    </message>
    <message>
        <source>Commit or stash the changes, or go Back to Options and tick “Proceed with uncommitted changes”.</source>
        <translation>변경 사항을 커밋하거나 stash하세요. 또는 뒤로 가서 옵션 페이지의 “커밋되지 않은 변경이 있어도 진행”을 선택하세요.</translation>
    </message>
    <message>
        <source>Switch to a release branch in your Git tool, then click “Refresh” on the Release tab.</source>
        <translation>Git 도구에서 릴리스 브랜치로 전환한 다음 릴리스 탭의 “새로 고침”을 클릭하세요.</translation>
    </message>
    <message>
        <source>Go Back to the first page and choose a newer version.</source>
        <translation>첫 페이지로 돌아가 더 새로운 버전을 선택하세요.</translation>
    </message>
    <message>
        <source>Fix or delete the files listed under News Fragments on the Release tab (“Open”, “Delete…”), or add one with “New Fragment…”.</source>
        <translation>릴리스 탭의 뉴스 조각 아래에 나열된 파일을 고치거나 삭제하거나(“열기”, “삭제…”), “새 조각…”으로 하나 추가하세요.</translation>
    </message>
    <message>
        <source>Click “Run Tests of Changed Targets” on the Release tab, or “Test Changed” in the Run panel (Ctrl+Shift+T).</source>
        <translation>릴리스 탭의 “변경된 타깃의 테스트 실행”을 클릭하거나, 실행 패널의 “변경된 항목 테스트”(Ctrl+Shift+T)를 사용하세요.</translation>
    </message>
    <message>
        <source>Review the changes on the Lockfiles tab, then click “Mark Lockfiles Reviewed” on the Release tab.</source>
        <translation>잠금 파일 탭에서 변경 사항을 검토한 다음 릴리스 탭의 “잠금 파일을 검토함으로 표시”를 클릭하세요.</translation>
    </message>
    <message>
        <source>Commit or stash that change first; “Proceed with uncommitted changes” covers only files the release does not touch.</source>
        <translation>먼저 그 변경을 커밋하거나 stash하세요. “커밋되지 않은 변경이 있어도 진행”은 릴리스가 건드리지 않는 파일에만 적용됩니다.</translation>
    </message>
    <message>
        <source>Fix or delete the files listed under News Fragments on the Release tab, then click “Refresh”.</source>
        <translation>릴리스 탭의 뉴스 조각 아래에 나열된 파일을 고치거나 삭제한 다음 “새로 고침”을 클릭하세요.</translation>
    </message>
    <message>
        <source>Go Back to the first page and choose another version.</source>
        <translation>첫 페이지로 돌아가 다른 버전을 선택하세요.</translation>
    </message>
    <message>
        <source>Check out the release branch in your Git tool, then open this wizard again.</source>
        <translation>Git 도구에서 릴리스 브랜치를 체크아웃한 다음 이 마법사를 다시 여세요.</translation>
    </message>
    <message>
        <source>Review the command in the repository&apos;s configuration, then click “Trust and Retry”.</source>
        <translation>저장소 설정에 있는 명령을 검토한 다음 “신뢰하고 다시 시도”를 클릭하세요.</translation>
    </message>
    <message>
        <source>Fix the changelog template or the fragment it fails on; the Release tab shows the same error in place of the draft.</source>
        <translation>변경 로그 템플릿이나 템플릿이 실패하는 조각을 고치세요. 릴리스 탭의 초안 자리에도 같은 오류가 표시됩니다.</translation>
    </message>
    <message>
        <source>Failed Checklist Items</source>
        <translation>실패한 점검 항목</translation>
    </message>
    <message>
        <source>&amp;Trust and Retry</source>
        <translation>신뢰하고 다시 시도(&amp;T)</translation>
    </message>
    <message>
        <source>The release cannot be prepared:</source>
        <translation>릴리스를 준비할 수 없습니다:</translation>
    </message>
    <message>
        <source>Trust Release Command</source>
        <translation>릴리스 명령 신뢰</translation>
    </message>
    <message>
        <source>Preparing a release in %1 runs this command from the repository&apos;s configuration:

%2

Trust it? It runs on every release prepared here until the command changes.</source>
        <translation>%1에서 릴리스를 준비하면 저장소 설정의 다음 명령이 실행됩니다:

%2

신뢰할까요? 명령이 바뀔 때까지 여기서 준비하는 모든 릴리스에서 실행됩니다.</translation>
    </message>
    <message>
        <source>%1: its tests run with Test These</source>
        <translation>%1: Test These로 테스트가 실행됩니다</translation>
    </message>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>개요: 클릭하거나 끌어서 보기를 옮깁니다</translation>
    </message>
    <message>
        <source>Find boxes by name or by a target inside them; Enter: next match, Shift+Enter: previous</source>
        <translation>이름이나 안에 든 타깃으로 상자를 찾습니다. Enter: 다음 결과, Shift+Enter: 이전 결과</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>이전 결과</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>다음 결과</translation>
    </message>
    <message>
        <source>Reset Layout</source>
        <translation>레이아웃 초기화</translation>
    </message>
    <message>
        <source>Forget this workspace&apos;s zoom, depth, opened packages and toggles</source>
        <translation>이 워크스페이스의 확대 배율, 깊이, 열린 패키지와 토글 설정을 지웁니다</translation>
    </message>
    <message>
        <source>More</source>
        <translation>더 보기</translation>
    </message>
    <message>
        <source>Every graph control, including those the toolbar has no room for</source>
        <translation>툴바에 자리가 없는 것까지 포함한 모든 그래프 컨트롤</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es); Enter goes to the next</source>
        <translation>
            <numerusform>일치 %n개, Enter로 다음 결과로 이동</numerusform>
        </translation>
    </message>
    <message>
        <source>Match %1 of %2: %3</source>
        <translation>결과 %1/%2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n matching target(s) inside; double-click to open</source>
        <translation>
            <numerusform>안에 일치하는 타깃 %n개, 더블클릭하면 열립니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching target(s) inside</source>
        <translation>
            <numerusform>안에 일치하는 타깃 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target dependency(ies)</source>
        <translation>
            <numerusform>타깃 의존성 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: import &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>%1: import &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>explicit in %1</source>
        <translation>%1에서 명시</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>포커스</translation>
    </message>
    <message>
        <source>Show More</source>
        <translation>더 보기</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation>접기</translation>
    </message>
    <message>
        <source>Show Dependencies</source>
        <translation>의존성 보기</translation>
    </message>
    <message>
        <source>Show Dependents</source>
        <translation>의존 대상 보기</translation>
    </message>
    <message>
        <source>Why Does %1 Depend on %2?</source>
        <translation>%1이(가) %2에 의존하는 이유</translation>
    </message>
    <message>
        <source>Why Does %1 Depend on…</source>
        <translation>%1이(가) 의존하는 이유…</translation>
    </message>
    <message>
        <source>Copy Address</source>
        <translation>주소 복사</translation>
    </message>
    <message>
        <source>Open BUILD File</source>
        <translation>BUILD 파일 열기</translation>
    </message>
    <message>
        <source>Show Import Lines</source>
        <translation>import 줄 보기</translation>
    </message>
    <message>
        <source>Open Source at Line</source>
        <translation>소스의 해당 줄 열기</translation>
    </message>
    <message>
        <source>Open %1:%2</source>
        <translation>%1:%2 열기</translation>
    </message>
    <message>
        <source>Hide Arrow</source>
        <translation>화살표 숨기기</translation>
    </message>
    <message numerus="yes">
        <source>%n arrow(s) hidden; More &gt; Show Hidden Arrows brings them back</source>
        <translation>
            <numerusform>화살표 %n개를 숨겼습니다. 더 보기 &gt; 숨긴 화살표 보기로 되돌립니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Why does %1 depend on…? Click the dependency.</source>
        <translation>%1이(가) 무엇에 의존하는 이유를 볼까요? 의존 대상을 클릭하세요.</translation>
    </message>
    <message>
        <source>Open the groups first: paths run between targets</source>
        <translation>먼저 그룹을 여세요. 경로는 타깃 사이에만 있습니다</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; does not depend on &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;은(는) &lt;b&gt;%2&lt;/b&gt;에 의존하지 않습니다</translation>
    </message>
    <message numerus="yes">
        <source>Why does &lt;b&gt;%1&lt;/b&gt; depend on &lt;b&gt;%2&lt;/b&gt;: %n dependency(ies)</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;이(가) &lt;b&gt;%2&lt;/b&gt;에 의존하는 이유: 의존성 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Find in Graph</source>
        <translation>그래프에서 찾기</translation>
    </message>
    <message>
        <source>Show Hidden Arrows (%1)</source>
        <translation>숨긴 화살표 보기 (%1)</translation>
    </message>
    <message>
        <source>With --view graph: search for TEXT and go to the first match.</source>
        <translation>--view graph와 함께: TEXT를 검색하고 첫 결과로 이동합니다.</translation>
    </message>
    <message>
        <source>With --view graph: show why box FROM depends on box TO (ids or labels).</source>
        <translation>--view graph와 함께: 상자 FROM이 상자 TO에 의존하는 이유를 보여 줍니다 (ID 또는 이름).</translation>
    </message>
    <message>
        <source>No dependency path for %1</source>
        <translation>%1 사이에 의존성 경로가 없습니다</translation>
    </message>
    <message>
        <source>Run each test in a sand&amp;box of its inputs</source>
        <translation>각 테스트를 입력만 담은 샌드박스에서 실행(&amp;B)</translation>
    </message>
    <message>
        <source>Automatic (the lockfile environment when built)</source>
        <translation>자동 (빌드된 경우 잠금 파일 환경)</translation>
    </message>
    <message>
        <source>Lockfile environment (build when needed)</source>
        <translation>잠금 파일 환경 (필요하면 빌드)</translation>
    </message>
    <message>
        <source>Search for an interpreter</source>
        <translation>인터프리터 검색</translation>
    </message>
    <message>
        <source>Where tests and type checks get their Python for a resolve with a lockfile (trellis test --python-env)</source>
        <translation>잠금 파일이 있는 resolve에서 테스트와 타입 검사가 사용할 Python을 가져오는 곳 (trellis test --python-env)</translation>
    </message>
    <message>
        <source>Like Pants, each test process runs in a temporary directory holding only its inputs. Unchecked, tests run in place in the workspace and their results are not cached (trellis test --no-sandbox).</source>
        <translation>Pants처럼 각 테스트 프로세스는 입력만 담은 임시 디렉터리에서 실행됩니다. 선택을 해제하면 테스트가 작업 공간에서 그대로 실행되고 결과는 캐시되지 않습니다 (trellis test --no-sandbox).</translation>
    </message>
    <message>
        <source>Python en&amp;vironment:</source>
        <translation>Python 환경(&amp;V):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop building the Python environment and cancel the run</source>
        <translation>Python 환경 빌드를 멈추고 실행을 취소합니다</translation>
    </message>
    <message>
        <source>Python environment: %1</source>
        <translation>Python 환경: %1</translation>
    </message>
    <message>
        <source>Python environment %1: %2 of %3 packages, %4 downloaded — %5</source>
        <translation>Python 환경 %1: 패키지 %3개 중 %2개, %4 내려받음 — %5</translation>
    </message>
    <message>
        <source>Watching for changes by polling every few seconds: %1</source>
        <translation>몇 초마다 확인하는 방식으로 변경을 감시합니다: %1</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>최신 상태</translation>
    </message>
    <message numerus="yes">
        <source>Show all %n (%1 more)</source>
        <translation>
            <numerusform>%n개 모두 보기 (%1개 더)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 made changes to:</source>
        <translation>%1이(가) 변경한 파일:</translation>
    </message>
</context>
</TS>
