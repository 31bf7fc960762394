package dev.cutover.parity;

import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed cache, origin request and response headers policies, by id. Their ids are the
 * same in every account (CloudFront Developer Guide, "Use managed cache policies", "Use managed
 * origin request policies", "Use managed response headers policies"), so two distributions using
 * one compare by id; AWS may change a managed policy's settings, and both distributions follow.
 * A managed policy missing here is still recognised by the {@code Managed-} prefix of the name
 * CloudFront returns for it.
 */
final class ManagedPolicies {

  private ManagedPolicies() {}

  /** The prefix CloudFront gives the names of its managed policies. */
  static final String NAME_PREFIX = "Managed-";

  static final Map<String, String> CACHE =
      Map.of(
          "2e54312d-136d-493c-8eb9-b001f22f67d2", "Amplify",
          "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "CachingDisabled",
          "658327ea-f89d-4fab-a63d-7e88639e58f6", "CachingOptimized",
          "b2884449-e4de-46a7-ac36-70bc7f1ddd6d", "CachingOptimizedForUncompressedObjects",
          "08627262-05a9-4f76-9ded-b50ca2e3a84f", "Elemental-MediaPackage",
          "83da9c7e-98b4-4e11-a168-04f0df8e2c65", "UseOriginCacheControlHeaders",
          "4cc15a8a-d715-48a4-82b8-cc0b614638fe", "UseOriginCacheControlHeaders-QueryStrings");

  static final Map<String, String> ORIGIN_REQUEST =
      Map.of(
          "216adef6-5c7f-47e4-b989-5492eafa07d3", "AllViewer",
          "33f36d7e-f396-46d9-90e0-52428a34d9dc", "AllViewerAndCloudFrontHeaders-2022-06",
          "b689b0a8-53d0-40ab-baf2-68738e2966ac", "AllViewerExceptHostHeader",
          "59781a5b-3903-41f3-afcb-af62929ccde1", "CORS-CustomOrigin",
          "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf", "CORS-S3Origin",
          "775133bc-15f2-49f9-abea-afb2e0bf67d2", "Elemental-MediaTailor-PersonalizedManifests",
          "acba4595-bd28-49b8-b9fe-13317c0390fa", "UserAgentRefererHeaders");

  static final Map<String, String> RESPONSE_HEADERS =
      Map.of(
          "e61eb60c-9c35-4d20-a928-2b84e02af89c", "CORS-and-SecurityHeadersPolicy",
          "5cc3b908-e619-4b99-88e5-2cf7f45965bd", "CORS-With-Preflight",
          "eaab4381-ed33-4a86-88ca-d9558dc6cd63", "CORS-with-preflight-and-SecurityHeadersPolicy",
          "67f7725c-6f97-4210-82d7-5512b31e9d03", "SecurityHeadersPolicy",
          "60669652-455b-4ae9-85a4-c4c02393f86c", "SimpleCORS");

  /** How a managed policy shows in the normalised config: its name and its global id. */
  static String describe(String name, String id) {
    String shown = name.startsWith(NAME_PREFIX) ? name : NAME_PREFIX + name;
    return "AWS managed policy " + shown + " (" + id + ")";
  }

  static Optional<String> name(Map<String, String> known, String id) {
    return Optional.ofNullable(known.get(id));
  }
}
