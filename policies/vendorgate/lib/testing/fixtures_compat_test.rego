# METADATA
# title: Test fixtures (former name)
# description: >-
#   The names custom policy tests used before the testing library
#   (data.vendorgate.lib.testing) existed: `vendorgate test-policies` loads this
#   folder beside an organisation's tests, which may still import
#   data.vendorgate.fixtures as the custom-policy example once did.
package vendorgate.fixtures

import data.vendorgate.lib.testing

as_of := testing.as_of

engagement := testing.engagement

attestation := testing.attestation

contract := testing.contract

clean := testing.clean

dossier(s, a, c) := testing.dossier(s, a, c)

input_of(d) := testing.input_of(d)

patched(sp, ap, cp) := testing.patched(sp, ap, cp)
