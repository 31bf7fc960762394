package dev.cutover.local.edge;

import java.util.Set;

/**
 * The ids of AWS managed cache, origin request and response headers policies (the same in every
 * account, CloudFront Developer Guide): a distribution may name them without the account having
 * created them. Of their behaviour the edge serves only SimpleCORS's; the others are accepted and
 * compared by parity but change nothing locally.
 */
final class ManagedIds {

  static final String SIMPLE_CORS = "60669652-455b-4ae9-85a4-c4c02393f86c";
  static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
  static final String CORS_S3_ORIGIN = "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf";

  private static final Set<String> IDS =
      Set.of(
          "2e54312d-136d-493c-8eb9-b001f22f67d2", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", CACHING_OPTIMIZED,
          "b2884449-e4de-46a7-ac36-70bc7f1ddd6d", "08627262-05a9-4f76-9ded-b50ca2e3a84f", "83da9c7e-98b4-4e11-a168-04f0df8e2c65",
          "4cc15a8a-d715-48a4-82b8-cc0b614638fe", "216adef6-5c7f-47e4-b989-5492eafa07d3", "33f36d7e-f396-46d9-90e0-52428a34d9dc",
          "b689b0a8-53d0-40ab-baf2-68738e2966ac", "59781a5b-3903-41f3-afcb-af62929ccde1", CORS_S3_ORIGIN,
          "775133bc-15f2-49f9-abea-afb2e0bf67d2", "acba4595-bd28-49b8-b9fe-13317c0390fa", "e61eb60c-9c35-4d20-a928-2b84e02af89c",
          "5cc3b908-e619-4b99-88e5-2cf7f45965bd", "eaab4381-ed33-4a86-88ca-d9558dc6cd63", "67f7725c-6f97-4210-82d7-5512b31e9d03",
          SIMPLE_CORS);

  private ManagedIds() {}

  static boolean isManaged(String id) {
    return IDS.contains(id);
  }
}
