import { describe, expect, it } from "vitest";
import { MAX_NESTING_DEPTH, parseCommentBody, type CommentNode, type InlineNode } from "./parse-comment.ts";

const t = (value: string): InlineNode => ({ type: "text", value });
const br: InlineNode = { type: "break" };
const strong = (...children: InlineNode[]): InlineNode => ({ type: "strong", children });
const em = (...children: InlineNode[]): InlineNode => ({ type: "emphasis", children });
const code = (value: string): InlineNode => ({ type: "code", value });
const link = (href: string, ...children: InlineNode[]): InlineNode => ({ type: "link", href, children });
const mention = (handle: string, text = `@${handle}`): InlineNode => ({ type: "mention", handle, text });
const p = (...children: InlineNode[]): CommentNode => ({ type: "paragraph", children });

/** The inline nodes of a body that must parse to exactly one paragraph. */
function inline(body: string): InlineNode[] {
  const paragraphs = parseCommentBody(body);
  expect(paragraphs).toHaveLength(1);
  return paragraphs[0]!.children;
}

describe("paragraphs and line breaks", () => {
  it.each<[string, string, CommentNode[]]>([
    ["empty body", "", []],
    ["whitespace only", "  \n \t\n", []],
    ["one line", "hello", [p(t("hello"))]],
    ["single newline is a line break", "one\ntwo", [p(t("one"), br, t("two"))]],
    ["blank line splits paragraphs", "one\n\ntwo", [p(t("one")), p(t("two"))]],
    ["whitespace-only line splits paragraphs", "one\n  \t \ntwo", [p(t("one")), p(t("two"))]],
    ["many blank lines are one split", "one\n\n\n\ntwo", [p(t("one")), p(t("two"))]],
    ["CRLF and CR line endings", "a\r\nb\r\n\r\nc\rd", [p(t("a"), br, t("b")), p(t("c"), br, t("d"))]],
    ["paragraphs are trimmed", "  \n  padded  \n\n", [p(t("padded"))]],
    ["formatting does not cross paragraphs", "*one\n\ntwo*", [p(t("*one")), p(t("two*"))]],
    ["formatting may cross a line break", "*one\ntwo*", [p(em(t("one"), br, t("two")))]],
  ])("%s", (_name, body, expected) => {
    expect(parseCommentBody(body)).toEqual(expected);
  });
});

describe("inline constructs", () => {
  it.each<[string, string, InlineNode[]]>([
    ["plain text", "just words.", [t("just words.")]],
    ["strong", "a **bold** move", [t("a "), strong(t("bold")), t(" move")]],
    ["strong with underscores", "__bold__", [strong(t("bold"))]],
    ["emphasis with stars", "an *italic* word", [t("an "), em(t("italic")), t(" word")]],
    ["emphasis with underscores", "an _italic_ word", [t("an "), em(t("italic")), t(" word")]],
    ["intraword stars emphasise", "un*frigging*believable", [t("un"), em(t("frigging")), t("believable")]],
    ["intraword underscores stay literal", "snake_case_name", [t("snake_case_name")]],
    ["spaced stars stay literal", "2 * 3 * 4", [t("2 * 3 * 4")]],
    ["code", "run `npm test` now", [t("run "), code("npm test"), t(" now")]],
    ["no formatting inside code", "`**not bold** [x](https://a.example) @ana`", [code("**not bold** [x](https://a.example) @ana")]],
    ["double backticks hold a backtick", "`` a`b ``", [code("a`b")]],
    ["code newlines become spaces", "`a\nb`", [code("a b")]],
    ["link", "see [the paper](https://arxiv.org/abs/2308.10792)", [t("see "), link("https://arxiv.org/abs/2308.10792", t("the paper"))]],
    ["http link", "[x](http://example.com/a?b=c#d)", [link("http://example.com/a?b=c#d", t("x"))]],
    ["mailto link", "[mail me](mailto:prof@uni.example)", [link("mailto:prof@uni.example", t("mail me"))]],
    ["link with balanced parentheses", "[wiki](https://en.wikipedia.org/wiki/Fold_(higher-order_function))", [link("https://en.wikipedia.org/wiki/Fold_(higher-order_function)", t("wiki"))]],
    ["link with an empty label shows its URL", "[](https://a.example)", [link("https://a.example/", t("https://a.example"))]],
    ["uppercase scheme is normalised", "[x](HTTPS://A.Example/P)", [link("https://a.example/P", t("x"))]],
    ["bare URL", "read https://arxiv.org/abs/1 first", [t("read "), link("https://arxiv.org/abs/1", t("https://arxiv.org/abs/1")), t(" first")]],
    ["bare URL drops trailing punctuation", "see http://a.example/x.", [t("see "), link("http://a.example/x", t("http://a.example/x")), t(".")]],
    ["bare URL in parentheses", "(https://a.example/x)", [t("("), link("https://a.example/x", t("https://a.example/x")), t(")")]],
    ["bare URL keeps balanced parentheses", "https://a.example/F_(x)", [link("https://a.example/F_(x)", t("https://a.example/F_(x)"))]],
    ["bare URL keeps underscores and stars inside", "https://a.example/_x_/*y*z", [link("https://a.example/_x_/*y*z", t("https://a.example/_x_/*y*z"))]],
    ["mention", "thanks @ana", [t("thanks "), mention("ana")]],
    ["mention is lowercased but shown as written", "@Ana.Lopez-2_x", [mention("ana.lopez-2_x", "@Ana.Lopez-2_x")]],
    ["mention before sentence punctuation", "ask @ana. Or @bo, or @cy!", [t("ask "), mention("ana"), t(". Or "), mention("bo"), t(", or "), mention("cy"), t("!")]],
    ["mention in parentheses", "(@ana)", [t("("), mention("ana"), t(")")]],
    ["email is not a mention", "write to ana@uni.example", [t("write to ana@uni.example")]],
    ["lone @ is text", "meet @ 5pm", [t("meet @ 5pm")]],
    ["handle of 64 characters", `@${"a".repeat(64)}`, [mention("a".repeat(64))]],
    ["handle of 65 characters is text", `@${"a".repeat(65)}`, [t(`@${"a".repeat(65)}`)]],
    ["backslash escapes markup", "\\*not\\* \\@ana \\[x](https://a.example)", [t("*not* @ana [x]("), link("https://a.example/", t("https://a.example")), t(")")]],
    ["backslash before a letter stays", "C:\\path", [t("C:\\path")]],
  ])("%s", (_name, body, expected) => {
    expect(inline(body)).toEqual(expected);
  });
});

describe("nesting", () => {
  it.each<[string, string, InlineNode[]]>([
    ["emphasis inside strong", "**bold *and italic***", [strong(t("bold "), em(t("and italic")))]],
    ["strong inside emphasis", "*italic **and bold***", [em(t("italic "), strong(t("and bold")))]],
    ["underscore emphasis inside strong", "**a _b_ c**", [strong(t("a "), em(t("b")), t(" c"))]],
    ["triple stars", "***both***", [em(strong(t("both")))]],
    ["link inside strong", "**see [this](https://a.example)**", [strong(t("see "), link("https://a.example/", t("this")))]],
    ["bare URL inside emphasis", "*https://a.example*", [em(link("https://a.example/", t("https://a.example")))]],
    ["strong inside link", "[**bold** label](https://a.example)", [link("https://a.example/", strong(t("bold")), t(" label"))]],
    ["emphasis inside link inside strong", "**[a *b*](https://a.example)**", [strong(link("https://a.example/", t("a "), em(t("b"))))]],
    ["code inside strong", "**`x`**", [strong(code("x"))]],
    ["mention inside emphasis", "*hi @ana*", [em(t("hi "), mention("ana"))]],
    ["a trailing underscore belongs to the handle", "_hi @ana_", [t("_hi "), mention("ana_")]],
    ["mentions and URLs in a link label are text", "[@ana at https://b.example](https://a.example)", [link("https://a.example/", t("@ana at https://b.example"))]],
    ["no links inside links", "[[a](https://a.example)](https://b.example)", [t("["), link("https://a.example/", t("a")), t("]("), link("https://b.example/", t("https://b.example")), t(")")]],
    ["emphasis cannot cross into a link label", "*[a*](https://a.example)", [t("*"), link("https://a.example/", t("a*"))]],
    ["code span wins over a link", "[a `b](https://a.example)`", [t("[a "), code("b](https://a.example)")]],
  ])("%s", (_name, body, expected) => {
    expect(inline(body)).toEqual(expected);
  });
});

describe("unclosed and invalid markers stay literal", () => {
  it.each<[string, string, InlineNode[]]>([
    ["unclosed strong", "**bold", [t("**bold")]],
    ["unclosed emphasis", "*italic", [t("*italic")]],
    ["unclosed underscore", "_italic", [t("_italic")]],
    ["unclosed code", "`code", [t("`code")]],
    ["mismatched backtick runs", "``code`", [t("``code`")]],
    ["unbalanced strong closes as emphasis", "**a*", [t("*"), em(t("a"))]],
    ["mixed markers do not match", "*a_", [t("*a_")]],
    ["unclosed link label", "[label", [t("[label")]],
    ["label without destination", "[label] (https://a.example)", [t("[label] ("), link("https://a.example/", t("https://a.example")), t(")")]],
    ["unclosed destination", "[label](https://a.example", [t("[label]("), link("https://a.example/", t("https://a.example"))]],
    ["empty destination", "[label]()", [t("[label]()")]],
    ["destination with a space", "[label](https://a.example b)", [t("[label]("), link("https://a.example/", t("https://a.example")), t(" b)")]],
    ["lone closing bracket", "a ] b", [t("a ] b")]],
    ["bare scheme only", "http:// and https://", [t("http:// and https://")]],
    ["scheme glued to a word", "xhttps://a.example", [t("xhttps://a.example")]],
  ])("%s", (_name, body, expected) => {
    expect(inline(body)).toEqual(expected);
  });
});

describe("only http:, https: and mailto: become links", () => {
  it.each([
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html,hi)",
    "[x](file:///etc/passwd)",
    "[x](//evil.example)",
    "[x](/relative/path)",
    "[x](relative.html)",
    "[x](#fragment)",
    "[x](ftp://files.example)",
    "[x](java%0ascript:alert(1))",
    "[x](http:evil.example)",
    "[x](https:/evil.example)",
    "[x](mailto:)",
    "javascript:alert(1)",
  ])("%s stays text", (body) => {
    expect(inline(body)).toEqual([t(body)]);
  });
});

describe("unicode", () => {
  it.each<[string, string, InlineNode[]]>([
    ["accented text", "**héllo wörld**", [strong(t("héllo wörld"))]],
    ["CJK emphasis", "日本語 *強調* です", [t("日本語 "), em(t("強調")), t(" です")]],
    ["emoji inside strong", "**🎉 done 🎉**", [strong(t("🎉 done 🎉"))]],
    ["emoji around emphasis", "🎉*yay*🎉", [t("🎉"), em(t("yay")), t("🎉")]],
    ["right-to-left text", "_مرحبا_ بالعالم", [em(t("مرحبا")), t(" بالعالم")]],
    ["letter before @ is not a mention", "é@ana", [t("é@ana")]],
    ["non-ASCII after a handle is not a mention", "@josé", [t("@josé")]],
    ["IDN host is punycoded", "[x](https://bücher.example/ä)", [link("https://xn--bcher-kva.example/%C3%A4", t("x"))]],
    ["non-breaking space stops a bare URL", "https://a.example\u00a0next", [link("https://a.example/", t("https://a.example")), t("\u00a0next")]],
  ])("%s", (_name, body, expected) => {
    expect(inline(body)).toEqual(expected);
  });
});

describe("pathological input stays literal (and finishes)", () => {
  it.each<[string, string]>([
    ["10,000 stars", "*".repeat(10_000)],
    ["10,000 underscores", "_".repeat(10_000)],
    ["5,000 open brackets then ](", "[".repeat(5_000) + "]("],
    ["open brackets and parentheses", "[(".repeat(5_000)],
    ["unterminated destinations", "[a](".repeat(2_500)],
    ["stray openers", "*a ".repeat(3_333)],
    ["stray closers", "a* ".repeat(3_333)],
    ["backtick runs of many lengths", Array.from({ length: 140 }, (_, n) => "`".repeat(n + 1)).join(" ")],
    ["@ signs", "@".repeat(10_000)],
    ["invalid URLs", "http://%".repeat(1_250)],
  ])("%s", (_name, body) => {
    expect(inline(body)).toEqual([t(body.trim())]);
  });

  it("keeps escaped brackets as literal text", () => {
    expect(inline("\\[".repeat(5_000))).toEqual([t("[".repeat(5_000))]);
  });

  it("matches many emphasis pairs", () => {
    const children = inline("*a* ".repeat(2_500).trim());
    expect(children.filter((node) => node.type === "emphasis")).toHaveLength(2_500);
  });

  it("nests strong/emphasis at most MAX_NESTING_DEPTH levels; deeper markers stay literal", () => {
    const stars = 2 * (MAX_NESTING_DEPTH + 10);
    const outer = "*".repeat(stars - 2 * MAX_NESTING_DEPTH);
    const children = inline(`${"*".repeat(stars)}x${"*".repeat(stars)}`);
    expect(children[0]).toEqual(t(outer));
    expect(children[2]).toEqual(t(outer));
    expect(children).toHaveLength(3);
    let node = children[1]!;
    let levels = 0;
    while (node.type === "strong" || node.type === "emphasis") {
      levels++;
      expect(node.children).toHaveLength(1);
      node = node.children[0]!;
    }
    expect(levels).toBe(MAX_NESTING_DEPTH);
    expect(node).toEqual(t("x"));
  });

  it("keeps 10,000 characters of nesting shallow", () => {
    const body = `${"*".repeat(4_999)}x${"*".repeat(4_999)}`;
    const depth = (nodes: InlineNode[]): number =>
      Math.max(0, ...nodes.map((node) => ("children" in node ? 1 + depth(node.children) : 0)));
    expect(depth(inline(body))).toBe(MAX_NESTING_DEPTH);
    expect(depth(inline(`[${body}](https://a.example)`))).toBe(MAX_NESTING_DEPTH + 1);
  });
});
