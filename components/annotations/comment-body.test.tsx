import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MAX_NESTING_DEPTH } from "@/lib/rich-text";
import { CommentBody } from "./comment-body";

const LINK = 'target="_blank" rel="noopener noreferrer nofollow" class="text-accent underline decoration-accent/30 hover:decoration-accent"';
const CODE = 'class="rounded bg-accent-soft/60 px-1 font-mono text-[0.9em]"';

function render(body: string, mentionLabel?: (handle: string) => string | undefined): string {
  return renderToStaticMarkup(<CommentBody body={body} mentionLabel={mentionLabel} />);
}

/** The markup inside the wrapper <div>. */
function inner(body: string, mentionLabel?: (handle: string) => string | undefined): string {
  const markup = render(body, mentionLabel);
  expect(markup.startsWith("<div>") && markup.endsWith("</div>")).toBe(true);
  return markup.slice("<div>".length, -"</div>".length);
}

/** Every tag in the markup. Text is escaped, so a "<" in the markup always starts a real tag. */
function tags(markup: string): string[] {
  return markup.match(/<[^>]*>/g) ?? [];
}

/** What a reader sees: the markup without tags, entities decoded. */
function visibleText(markup: string): string {
  return markup
    .replace(/<br\/?>/g, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("CommentBody renders each construct", () => {
  it.each<[string, string, string]>([
    ["plain text", "hello", "<p>hello</p>"],
    ["paragraphs and line breaks", "one\ntwo\n\nthree", "<p>one<br/>two</p><p>three</p>"],
    ["strong", "**bold**", "<p><strong>bold</strong></p>"],
    ["emphasis", "*it* and _it_", "<p><em>it</em> and <em>it</em></p>"],
    ["code", "`a < b && c`", `<p><code ${CODE}>a &lt; b &amp;&amp; c</code></p>`],
    ["link", "[paper](https://arxiv.org/abs/1)", `<p><a href="https://arxiv.org/abs/1" ${LINK}>paper</a></p>`],
    ["bare URL", "at https://a.example.", `<p>at <a href="https://a.example/" ${LINK}>https://a.example</a>.</p>`],
    ["mailto link", "[mail](mailto:ana@uni.example)", `<p><a href="mailto:ana@uni.example" ${LINK}>mail</a></p>`],
    ["mention", "hi @Ana", '<p>hi <span class="mention" data-mention="ana">@Ana</span></p>'],
    ["nesting", "**a *b [c](https://c.example)***", `<p><strong>a <em>b <a href="https://c.example/" ${LINK}>c</a></em></strong></p>`],
    ["formatting inside a link", "[**a** _b_](https://c.example)", `<p><a href="https://c.example/" ${LINK}><strong>a</strong> <em>b</em></a></p>`],
    ["unclosed markers", "**a *b [c](", "<p>**a *b [c](</p>"],
    ["unicode", "**héllo** 日本語 🎉", "<p><strong>héllo</strong> 日本語 🎉</p>"],
    ["empty body", "   ", ""],
  ])("%s", (_name, body, expected) => {
    expect(inner(body)).toBe(expected);
  });

  it("renders 10,000 characters of nested markers without overflowing the stack", () => {
    const markup = render(`${"*".repeat(4_999)}@ana${"*".repeat(4_999)}`);
    expect(markup.match(/<(strong|em)>/g)?.length).toBe(MAX_NESTING_DEPTH);
    expect(markup).toContain('<span class="mention" data-mention="ana">@ana</span>');
  });

  it("passes className to the wrapper", () => {
    expect(renderToStaticMarkup(<CommentBody body="x" className="prose" />)).toBe('<div class="prose"><p>x</p></div>');
  });
});

describe("mention labels", () => {
  const names: Record<string, string> = { ana: "Ana López", evil: '<img src=x onerror="alert(1)">' };
  const label = (handle: string) => names[handle];

  it.each<[string, string, string]>([
    ["known handle shows the label", "@Ana", '<p><span class="mention" data-mention="ana">@Ana López</span></p>'],
    ["unknown handle shows the handle as written", "@Bo", '<p><span class="mention" data-mention="bo">@Bo</span></p>'],
    [
      "labels are escaped",
      "@evil",
      '<p><span class="mention" data-mention="evil">@&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</span></p>',
    ],
  ])("%s", (_name, body, expected) => {
    expect(inner(body, label)).toBe(expected);
  });

  it("asks for each mentioned handle, lowercased", () => {
    const asked: string[] = [];
    render("@Ana and @BO and `@cy`", (handle) => {
      asked.push(handle);
      return undefined;
    });
    expect(asked).toEqual(["ana", "bo"]);
  });
});

describe("injection attempts render as text", () => {
  const ALLOWED_TAGS = new Set(["div", "p", "br", "strong", "em", "code", "a", "span"]);

  it.each<[string, string, string[]]>([
    // [body, what the reader sees, the hrefs that may appear]
    ["<script>alert(1)</script>", "<script>alert(1)</script>", []],
    ["<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>", []],
    ['<a href="javascript:alert(1)">x</a>', '<a href="javascript:alert(1)">x</a>', []],
    ['<div style="background:url(javascript:alert(1))">x</div>', '<div style="background:url(javascript:alert(1))">x</div>', []],
    ["<style>body{display:none}</style>", "<style>body{display:none}</style>", []],
    ["[x](javascript:alert(1))", "[x](javascript:alert(1))", []],
    ["[x](JaVaScRiPt:alert(1))", "[x](JaVaScRiPt:alert(1))", []],
    ["[x]( javascript:alert(1))", "[x]( javascript:alert(1))", []],
    ["[x](java\tscript:alert(1))", "[x](java\tscript:alert(1))", []],
    ["[x](vbscript:msgbox(1))", "[x](vbscript:msgbox(1))", []],
    ["[x](data:text/html,<script>)", "[x](data:text/html,<script>)", []],
    ["[x](//evil.example)", "[x](//evil.example)", []],
    ["javascript:alert(1)", "javascript:alert(1)", []],
    ['[x](https://ok.example" onmouseover="alert(1))', '[x](https://ok.example" onmouseover="alert(1))', ["https://ok.example/"]],
    ['[x](https://ok.example/"onmouseover="alert(1)&q=\'y\')', "x", ["https://ok.example/%22onmouseover=%22alert(1)&q='y'"]],
    ['[x](mailto:a"onmouseover="b@c.example)', "x", ['mailto:a"onmouseover="b@c.example']],
    ['https://ok.example/"><script>alert(1)</script>', 'https://ok.example/"><script>alert(1)</script>', ["https://ok.example/"]],
    ["**<b>bold</b>**", "<b>bold</b>", []],
    ["[<img src=x onerror=alert(1)>](https://ok.example)", "<img src=x onerror=alert(1)>", ["https://ok.example/"]],
    ["`<script>alert(1)</script>`", "<script>alert(1)</script>", []],
    ["@ana<script>alert(1)</script>", "@ana<script>alert(1)</script>", []],
  ])("%j", (body, seen, hrefs) => {
    const markup = render(body);
    const found = tags(markup);

    for (const tag of found) {
      const name = /^<\/?([a-z]+)/.exec(tag)?.[1];
      expect(name !== undefined && ALLOWED_TAGS.has(name), `unexpected tag ${tag}`).toBe(true);
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/\sstyle\s*=/i);
      expect(tag).not.toMatch(/javascript:|vbscript:|data:/i);
    }
    expect(markup).not.toMatch(/<script|<img|<style|<b>|<div style/i);

    const renderedHrefs = found.flatMap((tag) => {
      const href = /\shref="([^"]*)"/.exec(tag)?.[1];
      return href === undefined ? [] : [href.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&#x27;/g, "'")];
    });
    expect(renderedHrefs).toEqual(hrefs);
    for (const href of renderedHrefs) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
    expect(found.filter((tag) => tag.startsWith("<a ")).every((tag) => tag.includes('rel="noopener noreferrer nofollow"'))).toBe(true);

    expect(visibleText(markup)).toBe(seen);
    if (seen.includes("<")) expect(markup).toContain("&lt;");
  });
});
