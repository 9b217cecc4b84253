import { describe, expect, it } from "vitest";
import { paperKey } from "./paper-key.ts";

describe("paperKey: one key per paper, whatever link form names it", () => {
  it.each([
    ["https://arxiv.org/abs/2106.09685", "arxiv:2106.09685"],
    ["http://arxiv.org/abs/2106.09685", "arxiv:2106.09685"],
    ["https://www.arxiv.org/abs/2106.09685v2", "arxiv:2106.09685"],
    ["https://arxiv.org/pdf/2106.09685", "arxiv:2106.09685"],
    ["https://arxiv.org/pdf/2106.09685v1.pdf", "arxiv:2106.09685"],
    ["https://arxiv.org/pdf/2106.09685.pdf", "arxiv:2106.09685"],
    ["https://arxiv.org/html/2106.09685v3/", "arxiv:2106.09685"],
    ["https://export.arxiv.org/abs/2106.09685", "arxiv:2106.09685"],
    ["https://arxiv.org/abs/2106.09685?context=cs#section", "arxiv:2106.09685"],
    ["https://arxiv.org/abs/hep-th/9901001v2", "arxiv:hep-th/9901001"],
    ["https://arxiv.org/abs/1501.0001", "arxiv:1501.0001"],
    ["https://doi.org/10.48550/arXiv.2106.09685", "arxiv:2106.09685"],
    ["10.48550/arxiv.2106.09685", "arxiv:2106.09685"],
    ["https://doi.org/10.1145/3442188.3445922", "doi:10.1145/3442188.3445922"],
    ["https://dx.doi.org/10.1145/3442188.3445922", "doi:10.1145/3442188.3445922"],
    ["doi:10.1145/3442188.3445922", "doi:10.1145/3442188.3445922"],
    ["DOI:10.1145/ABC.Def", "doi:10.1145/abc.def"],
    ["10.1145/3442188.3445922", "doi:10.1145/3442188.3445922"],
    ["https://doi.org/10.1145%2F3442188.3445922", "doi:10.1145/3442188.3445922"],
    ["https://www.databricks.com/blog/introducing-dbrx/", "databricks.com/blog/introducing-dbrx"],
    ["http://databricks.com/blog/introducing-dbrx?utm_source=x", "databricks.com/blog/introducing-dbrx"],
    ["https://localhost:3000/readings/abc", "localhost:3000/readings/abc"],
    // arXiv pages that are not a paper keep their path: no false match on a listing.
    ["https://arxiv.org/list/cs.CL/recent", "arxiv.org/list/cs.CL/recent"],
    ["https://arxiv.org/abs/not-an-id", "arxiv.org/abs/not-an-id"],
    ["not a link", null],
    ["javascript:alert(1)", null],
    ["ftp://arxiv.org/abs/2106.09685", null],
    ["doi:not-a-doi", null],
    ["", null],
  ])("%s -> %s", (link, key) => {
    expect(paperKey(link)).toBe(key);
  });

  it("keeps different papers apart", () => {
    expect(paperKey("https://arxiv.org/abs/2106.09685")).not.toBe(paperKey("https://arxiv.org/abs/2106.09686"));
    expect(paperKey("https://doi.org/10.1000/a")).not.toBe(paperKey("https://doi.org/10.1000/b"));
  });
});
