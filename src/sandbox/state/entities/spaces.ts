// A Kibana space (global: spaces themselves never live in a space).

export interface Space {
  id: string;
  name: string;
  description?: string;
  color?: string;
  initials?: string;
  imageUrl?: string;
  disabledFeatures: string[];
  solution?: string;
  _reserved?: boolean;
}
