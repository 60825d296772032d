/**
 * A unit code: "VN", a province's two digits ("37"), a commune's five ("14329"), or an added
 * desk or official, which is its commune's (or, for a province's own one-stop centre, its
 * province's) code and a suffix ("14329-tn", "14329-tn-lan", "37-tthc"). On its own, without
 * zod, so that the dashboard can check codes in its URLs with the API's own rule.
 */
export const UNIT_CODE = /^(VN|(\d{2}|\d{5})(-[a-z0-9]{1,20}){0,2})$/;
