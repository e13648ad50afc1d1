import { test } from "node:test";
import assert from "node:assert/strict";
import { printable } from "../../cli/terminal";

test("printable removes escape sequences and shows control characters as escapes", () => {
    assert.equal(printable("bucket\u001b[31mred\u001b[0m"), "bucketred");
    assert.equal(printable("a\u001b]0;title\u0007b"), "ab");
    assert.equal(printable("line\nforged: OK"), "line\\x0aforged: OK");
    assert.equal(printable("cr\rtab\tnul\u0000"), "cr\\x0dtab\\x09nul\\x00");
    assert.equal(printable("rtl\u202eevil"), "rtl\\u202eevil");
    assert.equal(printable("urn:pulumi:dev::p::aws:s3/bucket:Bucket::données"), "urn:pulumi:dev::p::aws:s3/bucket:Bucket::données");
});
